#!/usr/bin/env bash
# The NuGet consumer matrix: packs CrossAccountAnalyzers into a local folder feed, checks the .nupkg's exact contents,
# and installs it with `dotnet add package --source <feed>` into fresh projects outside the repository:
#   - net8.0, net10.0, netstandard2.0 and net472 (Microsoft.NETFramework.ReferenceAssemblies), each with AWS SDK v3.7
#     and v4: every "expect" marker of .ci/consumer/Consumer.cs has its warning at that line, and nothing else;
#   - on net10.0 + v4 and net472 + v3.7: -warnaserror fails the build on them; #pragma, [SuppressMessage],
#     .editorconfig severity none and <NoWarn> each silence them (the build then passes with -warnaserror); the Strict
#     preset turns every rule into an error, including CXA1002 and CXA3003 (the "strict" markers); an unknown preset warns;
#     (CXA1004 needs ASP.NET Core and CXA3005 is an error by default, so neither is in Consumer.cs: every default build
#     here must pass with warnings only; CXA1005's line also checks that CXA1002 stays silent on it, even under Strict);
#   - `dotnet format analyzers --diagnostics CXA1001 CXA2001` applies the package's fixes (FixAll included) and leaves a
#     project that builds with no CXA1001/CXA2001 and no error;
#   - `dotnet format analyzers` with no filter, Strict preset: every fixable rule is fixed (each rule's Fix All may be
#     started from another rule's diagnostic, the package exporting one analyzer), the unfixable ones stay reported.
# `--format-only` runs only the two dotnet format checks.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
mkdir -p "$feed"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

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
    "build/CrossAccountAnalyzers.props",
    "build/CrossAccountAnalyzers.targets",
    "globalconfig/CrossAccountAnalyzers.Default.globalconfig",
    "globalconfig/CrossAccountAnalyzers.Strict.globalconfig",
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

# Fresh consumers, outside this repository (no Directory.*.props), with their own package cache so that no earlier
# build of the package can be picked up.
export NUGET_PACKAGES="$work/packages"
source="$root/.ci/consumer/Consumer.cs"
fail=0
checks=0


# new_consumer <dir> <tfm> <sdk>: a project created the way a user does it.
new_consumer() {
  local dir=$1 tfm=$2 sdk=$3
  mkdir -p "$dir"
  cat > "$dir/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>$tfm</TargetFramework>
  </PropertyGroup>
</Project>
XML
  cp "$source" "$dir/Consumer.cs"
  (
    cd "$dir"
    # The AWS SDK first, from the configured feed (it also brings the framework reference packages); then ours, from
    # the local folder feed only.
    if [ "$sdk" = v3 ]; then
      # AWSSDK.Core 3.7 asks for Microsoft.Bcl.AsyncInterfaces 1.1.0, which this feed does not serve (1.1.1 is).
      dotnet add package AWSSDK.SecurityToken --version 3.7.202 > "$dir/add.log" 2>&1 || { cat "$dir/add.log"; exit 1; }
      dotnet add package Microsoft.Bcl.AsyncInterfaces --version 1.1.1 >> "$dir/add.log" 2>&1 || { cat "$dir/add.log"; exit 1; }
    else
      dotnet add package AWSSDK.SecurityToken --version 4.0.101.10 > "$dir/add.log" 2>&1 || { cat "$dir/add.log"; exit 1; }
    fi
    dotnet add package CrossAccountAnalyzers --version "$version" --source "$feed" >> "$dir/add.log" 2>&1 || { cat "$dir/add.log"; exit 1; }
    grep -q 'Include="CrossAccountAnalyzers"' Consumer.csproj || { echo "FAIL: dotnet add package did not add CrossAccountAnalyzers in $dir"; exit 1; }
  )
}

# build <dir> <log> [args...]: builds; returns the exit code without stopping the script.
build() {
  local dir=$1 log=$2; shift 2
  set +e
  (cd "$dir" && dotnet build --no-incremental "$@" > "$log" 2>&1)
  local status=$?
  set -e
  return $status
}

# expect <log> <severity> <kinds>: every marker of the given kinds ("expect" or "expect|strict") has <severity> <ID> at
# its line, and the log has no other CXA diagnostic and no analyzer load failure.
expect() {
  local log=$1 severity=$2 kinds=$3 name=$4
  local wanted=0
  while IFS=: read -r line rest; do
    for id in $(echo "$rest" | grep -oE "// ($kinds) .*" | grep -oE 'CXA[0-9]{4}'); do
      wanted=$((wanted + 1))
      if ! grep -qE "Consumer\.cs\($line,[0-9]+\): $severity $id" "$log"; then
        echo "FAIL [$name]: $severity $id expected at Consumer.cs:$line"; fail=1
      fi
    done
  done < <(grep -nE "// ($kinds) CXA" "$source")
  local actual
  actual=$(grep -oE "Consumer\.cs\([0-9]+,[0-9]+\): (warning|error) CXA[0-9]{4}" "$log" | sort -u | wc -l)
  if [ "$actual" -ne "$wanted" ]; then
    echo "FAIL [$name]: expected $wanted CXA diagnostics, got $actual"; grep -E "CXA[0-9]{4}" "$log" | sort -u | head -20; fail=1
  fi
  if grep -qE "(warning|error) (CS8032|CS9057|AD0001)" "$log"; then
    echo "FAIL [$name]: the analyzer did not load cleanly"; grep -E "CS8032|CS9057|AD0001" "$log" | head -5; fail=1
  fi
  checks=$((checks + 1))
}

# silent <log> <name>: a build that must pass (it ran with -warnaserror) with no CXA diagnostic at all.
silent() {
  local status=$1 log=$2 name=$3
  if [ "$status" -ne 0 ] || grep -qE "(warning|error) CXA[0-9]{4}" "$log"; then
    echo "FAIL [$name]: expected a clean -warnaserror build"; grep -E "error|CXA[0-9]{4}" "$log" | sort -u | head -10; fail=1
  fi
  checks=$((checks + 1))
}

# --format-only: only the dotnet format checks (quick to run while working on the fixes).
matrix_sdks="v3 v4"; preset_bases="net10.0-v4 net472-v3"
if [ "${1:-}" = "--format-only" ]; then matrix_sdks=""; preset_bases=""; fi

echo "== matrix: target frameworks x AWS SDK versions"
for sdk in $matrix_sdks; do
  for tfm in net8.0 net10.0 netstandard2.0 net472; do
    name="$tfm-$sdk"
    dir="$work/$name"
    new_consumer "$dir" "$tfm" "$sdk"
    if build "$dir" "$work/$name.log"; then :; else echo "FAIL [$name]: the build failed"; grep -E "error" "$work/$name.log" | sort -u | head -10; fail=1; fi
    expect "$work/$name.log" warning "expect" "$name"
    echo "checked $name: $(grep -oE "Consumer\.cs\([0-9]+,[0-9]+\): warning CXA[0-9]{4}" "$work/$name.log" | sort -u | tr '\n' ' ')"
  done
done

echo "== -warnaserror, suppressions and presets"
for base in $preset_bases; do
  tfm=${base%-*}
  sdk=${base##*-}

  dir="$work/$base-warnaserror"; new_consumer "$dir" "$tfm" "$sdk"
  if build "$dir" "$dir.log" -warnaserror; then echo "FAIL [$base -warnaserror]: the build passed"; fail=1; fi
  expect "$dir.log" error "expect" "$base -warnaserror"

  dir="$work/$base-pragma"; new_consumer "$dir" "$tfm" "$sdk"
  sed -i '1i #pragma warning disable CXA1001, CXA1005, CXA2001, CXA2002, CXA2003, CXA3004 // reviewed: test fixtures' "$dir/Consumer.cs"
  status=0; build "$dir" "$dir.log" -warnaserror || status=$?
  silent $status "$dir.log" "$base #pragma"

  dir="$work/$base-suppressmessage"; new_consumer "$dir" "$tfm" "$sdk"
  sed -i 's#^    public static class Reports#    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CXA1001:AssumeRole without an ExternalId", Justification = "Roles of our own accounts")]\n    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CXA1005:ExternalId that others can guess", Justification = "Test fixture")]\n    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CXA2001:Hard-coded credentials in an AWS client constructor", Justification = "Test fixture")]\n    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CXA2002:Hard-coded credentials in a credentials object", Justification = "Test fixture")]\n    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CXA2003:AWS access key ID in source", Justification = "Test fixture")]\n    public static class Reports#' "$dir/Consumer.cs"
  sed -i 's#^    public static class QueuePolicies#    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CXA3004:Resource policy lets an AWS service act without a source condition", Justification = "Test fixture")]\n    public static class QueuePolicies#' "$dir/Consumer.cs"
  status=0; build "$dir" "$dir.log" -warnaserror || status=$?
  silent $status "$dir.log" "$base [SuppressMessage]"

  dir="$work/$base-editorconfig"; new_consumer "$dir" "$tfm" "$sdk"
  printf 'root = true\n\n[*.cs]\ndotnet_diagnostic.CXA1001.severity = none\ndotnet_diagnostic.CXA1005.severity = none\ndotnet_diagnostic.CXA2001.severity = none\ndotnet_diagnostic.CXA2002.severity = none\ndotnet_diagnostic.CXA2003.severity = none\ndotnet_diagnostic.CXA3004.severity = none\n' > "$dir/.editorconfig"
  status=0; build "$dir" "$dir.log" -warnaserror || status=$?
  silent $status "$dir.log" "$base .editorconfig none"

  dir="$work/$base-nowarn"; new_consumer "$dir" "$tfm" "$sdk"
  sed -i "s#<TargetFramework>$tfm</TargetFramework>#<TargetFramework>$tfm</TargetFramework>\n    <NoWarn>\$(NoWarn);CXA1001;CXA1005;CXA2001;CXA2002;CXA2003;CXA3004</NoWarn>#" "$dir/Consumer.csproj"
  status=0; build "$dir" "$dir.log" -warnaserror || status=$?
  silent $status "$dir.log" "$base <NoWarn>"

  dir="$work/$base-strict"; new_consumer "$dir" "$tfm" "$sdk"
  sed -i "s#<TargetFramework>$tfm</TargetFramework>#<TargetFramework>$tfm</TargetFramework>\n    <CrossAccountAnalysisMode>Strict</CrossAccountAnalysisMode>#" "$dir/Consumer.csproj"
  if build "$dir" "$dir.log"; then echo "FAIL [$base Strict]: the build passed"; fail=1; fi
  expect "$dir.log" error "expect|strict" "$base Strict preset"

  dir="$work/$base-default"; new_consumer "$dir" "$tfm" "$sdk"
  sed -i "s#<TargetFramework>$tfm</TargetFramework>#<TargetFramework>$tfm</TargetFramework>\n    <CrossAccountAnalysisMode>Default</CrossAccountAnalysisMode>#" "$dir/Consumer.csproj"
  build "$dir" "$dir.log" || { echo "FAIL [$base Default]: the build failed"; fail=1; }
  expect "$dir.log" warning "expect" "$base Default preset"

  dir="$work/$base-unknown"; new_consumer "$dir" "$tfm" "$sdk"
  sed -i "s#<TargetFramework>$tfm</TargetFramework>#<TargetFramework>$tfm</TargetFramework>\n    <CrossAccountAnalysisMode>Paranoid</CrossAccountAnalysisMode>#" "$dir/Consumer.csproj"
  build "$dir" "$dir.log" || { echo "FAIL [$base unknown preset]: the build failed"; fail=1; }
  grep -q "warning CXAMODE01" "$dir.log" || { echo "FAIL [$base unknown preset]: no CXAMODE01 warning"; fail=1; }
  expect "$dir.log" warning "expect" "$base unknown preset"
  echo "checked $base: -warnaserror, #pragma, [SuppressMessage], .editorconfig, <NoWarn>, Strict, Default, unknown preset"
done

echo "== dotnet format analyzers (the package's fixes through a real client)"
dir="$work/format"; new_consumer "$dir" net10.0 v4
(cd "$dir" && dotnet restore > "$dir.restore.log" 2>&1)
set +e
(cd "$dir" && dotnet format analyzers Consumer.csproj --diagnostics CXA1001 CXA2001 --severity info --no-restore -v:diag > "$dir.format.log" 2>&1)
status=$?
set -e
if [ "$status" -ne 0 ]; then echo "FAIL [dotnet format]: exit code $status"; tail -20 "$dir.format.log"; fail=1; fi
if cmp -s "$source" "$dir/Consumer.cs"; then echo "FAIL [dotnet format]: no fix was applied"; tail -20 "$dir.format.log"; fail=1; fi
build "$dir" "$dir.log" || { echo "FAIL [dotnet format]: the fixed project does not build"; grep -E "error" "$dir.log" | sort -u | head; fail=1; }
if grep -qE "(warning|error) CXA(1001|2001)" "$dir.log"; then echo "FAIL [dotnet format]: CXA1001/CXA2001 left after the fixes"; grep -E "CXA(1001|2001)" "$dir.log" | sort -u; fail=1; fi
grep -q "// The customer's role, assumed with nothing but its ARN." "$dir/Consumer.cs" || { echo "FAIL [dotnet format]: a comment was lost"; fail=1; }
grep -q "RegionEndpoint.USEast1" "$dir/Consumer.cs" || { echo "FAIL [dotnet format]: the region argument was lost"; fail=1; }
if grep -q "AKIARTX3GSDS7FJONNBY" "$dir/Consumer.cs"; then echo "FAIL [dotnet format]: the key is still in the code"; fail=1; fi
checks=$((checks + 1))
echo "dotnet format changed Consumer.cs:"
diff -u "$source" "$dir/Consumer.cs" | sed -n '3,200p' | grep -E '^[-+]' || true

echo "== dotnet format analyzers, every rule (Strict preset, no --diagnostics filter)"
# Several rules report in the same file, some fixable and some not: each fixable one must be fixed whatever diagnostic
# dotnet format happens to look at first, and the others must stay reported.
dir="$work/format-all"; new_consumer "$dir" net10.0 v4
sed -i "s#<TargetFramework>net10.0</TargetFramework>#<TargetFramework>net10.0</TargetFramework>\n    <CrossAccountAnalysisMode>Strict</CrossAccountAnalysisMode>#" "$dir/Consumer.csproj"
(cd "$dir" && dotnet restore > "$dir.restore.log" 2>&1)
set +e
(cd "$dir" && dotnet format analyzers Consumer.csproj --severity info --no-restore -v:diag > "$dir.format.log" 2>&1)
status=$?
set -e
# The unfixable rules stay reported, so dotnet format exits 2 ("not everything could be fixed"); anything else is a failure.
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then echo "FAIL [dotnet format, all rules]: exit code $status"; tail -20 "$dir.format.log"; fail=1; fi
if grep -iE "Unable to fix|Failed to apply|didn't return a Fix All|unexpected operation" "$dir.format.log" | grep -vE "Unable to fix CXA(1005|2003|3003)\. No associated code fix found" | grep -q .; then
  echo "FAIL [dotnet format, all rules]: a fix was not applied"; grep -iE "Unable to fix|Failed to apply|didn't return a Fix All|unexpected operation" "$dir.format.log" | sort -u | head; fail=1
fi
build "$dir" "$dir.log" || true
if grep -qE "error CS[0-9]+" "$dir.log"; then echo "FAIL [dotnet format, all rules]: the fixed project does not compile"; grep -E "error CS" "$dir.log" | sort -u | head; fail=1; fi
if grep -qE "(warning|error) CXA(1001|1002|2001|2002)" "$dir.log"; then echo "FAIL [dotnet format, all rules]: fixable diagnostics left"; grep -E "CXA(1001|1002|2001|2002)" "$dir.log" | sort -u; fail=1; fi
for id in CXA1005 CXA2003 CXA3003 CXA3004; do
  grep -qE "error $id" "$dir.log" || { echo "FAIL [dotnet format, all rules]: $id (not fixable) is no longer reported"; fail=1; }
done
for secret in wJalrXUtnFEMI Pq8vN3xK0bR7; do
  if grep -q "$secret" "$dir/Consumer.cs"; then echo "FAIL [dotnet format, all rules]: a secret is still in the code"; fail=1; fi
done
checks=$((checks + 1))
echo "dotnet format (all rules) changed Consumer.cs:"
diff -u "$source" "$dir/Consumer.cs" | sed -n '3,200p' | grep -E '^[-+]' || true

echo "== -p:ReportAnalyzer=true: one line per rule family"
dir="$work/report"; new_consumer "$dir" net10.0 v4
build "$dir" "$dir.log" -p:ReportAnalyzer=true -v:d || { echo "FAIL [ReportAnalyzer]: the build failed"; fail=1; }
for family in CrossAccountAnalyzers.ExternalId.ExternalIdAnalyzer CrossAccountAnalyzers.Credentials.CredentialsAnalyzer CrossAccountAnalyzers.TrustPolicies.TrustPoliciesAnalyzer; do
  grep -qE "[0-9.]+ +<?[0-9]+ +$family" "$dir.log" || { echo "FAIL [ReportAnalyzer]: no timing line for $family"; grep -E "CrossAccountAnalyzers" "$dir.log" | head -5; fail=1; }
done
grep -E "CrossAccountAnalyzers\.[A-Za-z]+\.[A-Za-z]+Analyzer" "$dir.log" | sort -u | head -5 || true
checks=$((checks + 1))

if [ "$fail" -ne 0 ]; then
  echo "consumer matrix: FAILED"; exit 1
fi
echo "OK: consumer matrix, $checks checks (8 target framework x SDK builds, suppressions, presets, dotnet format twice, ReportAnalyzer per family)"
