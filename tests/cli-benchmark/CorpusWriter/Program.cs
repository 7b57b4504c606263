using System;
using System.IO;
using System.Linq;
using CrossAccountAnalyzers.Benchmarks;

// CorpusWriter <folder> <files> [package-version]: the benchmark's corpus (a): <files> files, 5% with AWS code, as
// <folder>/src/*.cs with a project (AWS SDK v4 and CDK packages, as the benchmark compiles them) and an .editorconfig
// that enables CXA3003 as the benchmark does. With a package version, the project also references CrossAccountAnalyzers.
if (args.Length < 2 || !int.TryParse(args[1], out var count))
{
    Console.Error.WriteLine("usage: CorpusWriter <folder> <files> [CrossAccountAnalyzers version]");
    return 2;
}

var folder = Path.GetFullPath(args[0]);
Directory.CreateDirectory(Path.Combine(folder, "src"));
var files = Corpus.Files(count, aws: true);
foreach (var (name, text) in files)
{
    File.WriteAllText(Path.Combine(folder, "src", name), text);
}

var package = args.Length > 2 ? $"\n    <PackageReference Include=\"CrossAccountAnalyzers\" Version=\"{args[2]}\" PrivateAssets=\"all\" />" : string.Empty;
File.WriteAllText(Path.Combine(folder, "Corpus.csproj"), $"""
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <LangVersion>12</LangVersion>
    <NoWarn>$(NoWarn);CS8618;CS8625;CS8600;CS8602;CS8603;CS8604;CS0618;CS0168;CS0219</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="AWSSDK.SecurityToken" Version="4.0.101.10" />
    <PackageReference Include="AWSSDK.S3" Version="4.1.0" />
    <PackageReference Include="AWSSDK.Extensions.NETCore.Setup" Version="4.0.102.10" />
    <PackageReference Include="Amazon.CDK.Lib" Version="2.160.0" />{package}
  </ItemGroup>
</Project>

""");
File.WriteAllText(Path.Combine(folder, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.CXA3003.severity = warning\n");
File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />\n");
File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), "<Project />\n");
Console.WriteLine($"{files.Count} files ({files.Count(f => f.Text.Contains("Amazon.", StringComparison.Ordinal))} with AWS code, {Corpus.DiagnosticsPerAwsFile} diagnostics each) in {folder}");
return 0;
