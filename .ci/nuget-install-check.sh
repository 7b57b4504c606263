#!/usr/bin/env bash
# Packs CrossAccountAnalyzers into a local folder feed, checks the .nupkg's exact contents, installs it with
# `dotnet add package` into a fresh project outside the repository, and requires CXA1001 at the expected line.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
mkdir -p "$feed"

version="0.1.0-ci.$(date +%s)"
dotnet pack src/CrossAccountAnalyzers.Package -c Release -p:Version="$version" -o "$feed"
nupkg="$feed/CrossAccountAnalyzers.$version.nupkg"
test -f "$nupkg" || { echo "FAIL: $nupkg was not produced"; exit 1; }

python3 - "$nupkg" <<'PY'
import re, sys, zipfile
names = sorted(n for n in zipfile.ZipFile(sys.argv[1]).namelist()
               if not (n.startswith("_rels/") or n == "[Content_Types].xml" or re.match(r"package/services/metadata/core-properties/[^/]+\.psmdcp$", n)))
expected = sorted([
    "CrossAccountAnalyzers.nuspec",
    "README.md",
    "analyzers/dotnet/cs/CrossAccountAnalyzers.dll",
    "analyzers/dotnet/cs/CrossAccountAnalyzers.CodeFixes.dll",
])
if names != expected:
    print("FAIL: unexpected package contents:\n  got      %s\n  expected %s" % (names, expected)); sys.exit(1)
nuspec = zipfile.ZipFile(sys.argv[1]).read("CrossAccountAnalyzers.nuspec").decode()
for needle in ("<developmentDependency>true</developmentDependency>", '<license type="expression">', "<readme>README.md</readme>", "<tags>", "<description>"):
    if needle not in nuspec:
        print("FAIL: nuspec lacks " + needle); sys.exit(1)
if "<dependencies" in nuspec:
    print("FAIL: the package must not have dependencies"); sys.exit(1)
print("OK: package contents", names)
PY

# A fresh consumer, outside this repository (no Directory.*.props), with its own package cache so that no
# earlier build of the package can be picked up.
export NUGET_PACKAGES="$work/packages"
app="$work/Consumer"
mkdir -p "$app"
cd "$app"
cat > Consumer.csproj <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
  </PropertyGroup>
</Project>
XML
cat > Program.cs <<'CS'
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

var sts = new AmazonSecurityTokenServiceClient();
var customerRoleArn = args.Length > 0 ? args[0] : "arn:aws:iam::210987654321:role/Reports";
var request = new AssumeRoleRequest { RoleArn = customerRoleArn, RoleSessionName = "reports" };
System.Console.WriteLine(request.RoleArn);
await sts.AssumeRoleAsync(request);
var leaked = new AmazonSecurityTokenServiceClient("AKIARTX3GSDS7FJONNBY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9Secret0");
CS
dotnet add package CrossAccountAnalyzers --version "$version" --source "$feed"
dotnet add package AWSSDK.SecurityToken --version 4.0.101.10
grep -q 'Include="CrossAccountAnalyzers"' Consumer.csproj || { echo "FAIL: dotnet add package did not add CrossAccountAnalyzers"; exit 1; }

log="$work/build.log"
dotnet build 2>&1 | tee "$log" | grep -E 'warning CXA|error' || true
if ! grep -qE "Program\.cs\(6,15\): warning CXA1001" "$log"; then
  echo "FAIL: the consumer build did not show CXA1001 at Program.cs(6,15)"; exit 1
fi
if ! grep -qE "Program\.cs\(9,14\): warning CXA2001" "$log"; then
  echo "FAIL: the consumer build did not show CXA2001 at Program.cs(9,14)"; exit 1
fi
if grep -qE "warning (CS8032|CS9057|AD0001)" "$log"; then
  echo "FAIL: the analyzer did not load cleanly"; exit 1
fi
echo "OK: installed from the local feed; CXA1001 at Program.cs(6,15), CXA2001 at Program.cs(9,14)"
