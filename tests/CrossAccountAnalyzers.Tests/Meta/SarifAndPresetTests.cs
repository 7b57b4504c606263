using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CrossAccountAnalyzers.Tests.Meta;

using static CrossAccountAnalyzers.Tests.Infrastructure.Repository;

/// <summary>
/// What security dashboards and CI read: the compiler's SARIF log of a real build of the sample (help links, full
/// descriptions, CWE tags, exact regions, no secret), and the presets shipped in the package.
/// </summary>
public class SarifAndPresetTests
{
    [StressFact]
    [Trait("Category", StressFactAttribute.Category)]
    public void SampleBuild_SarifLog_HasRulesWithHelpAndCwe_ResultsAtTheMarkedLines_AndNoSecret()
    {
        var sample = Path.Combine(Root, "samples", "ConfusedDeputy");
        var work = Directory.CreateTempSubdirectory("cxa-sarif-");
        try
        {
            var sarifPath = Path.Combine(work.FullName, "sample.sarif");
            var (exitCode, output) = Run("dotnet", $"build \"{sample}\" --no-incremental -o \"{Path.Combine(work.FullName, "bin")}\" \"-p:ErrorLog={sarifPath}%2Cversion=2.1\"", TimeSpan.FromMinutes(5));
            Assert.True(exitCode == 0, "the sample build failed:\n" + output);
            var text = File.ReadAllText(sarifPath);
            using var document = JsonDocument.Parse(text);
            var run = document.RootElement.GetProperty("runs")[0];
            Assert.Equal("2.1.0", document.RootElement.GetProperty("version").GetString());

            // Rules: every CXA rule the build reported, with the descriptor's help link, full description and CWE tag.
            var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
                .Where(r => r.GetProperty("id").GetString()!.StartsWith("CXA", StringComparison.Ordinal))
                .ToDictionary(r => r.GetProperty("id").GetString()!);
            Assert.NotEmpty(rules);
            foreach (var (id, rule) in rules)
            {
                var descriptor = Descriptors.Single(d => d.Id == id);
                Assert.Equal(descriptor.HelpLinkUri, rule.GetProperty("helpUri").GetString());
                Assert.Equal(descriptor.Description.ToString(), rule.GetProperty("fullDescription").GetProperty("text").GetString());
                Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
                var tags = rule.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();
                Assert.Contains("Security", tags);
                foreach (var cwe in descriptor.CustomTags.Where(t => t.StartsWith("CWE-", StringComparison.Ordinal)))
                {
                    Assert.Contains(cwe, tags);
                }
            }

            Assert.Contains("CWE-798", rules["CXA2001"].GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            Assert.Contains("CWE-441", rules["CXA1001"].GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

            // Results: exactly the sample's markers, at their line, starting at the reported text.
            var markers = Directory.EnumerateFiles(sample, "*.cs")
                .SelectMany(file => File.ReadAllLines(file).Select((line, index) => (File: Path.GetFileName(file), Line: index + 1, Text: line)))
                .SelectMany(l => Regex.Matches(l.Text, @"(CXA\d{4}) expected here").Select(m => (l.File, l.Line, Id: m.Groups[1].Value)))
                .ToHashSet();
            Assert.NotEmpty(markers);
            var results = run.GetProperty("results").EnumerateArray()
                .Where(r => r.GetProperty("ruleId").GetString()!.StartsWith("CXA", StringComparison.Ordinal))
                .Select(r =>
                {
                    var location = r.GetProperty("locations")[0].GetProperty("physicalLocation");
                    var uri = location.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
                    var region = location.GetProperty("region");
                    return (File: Path.GetFileName(new Uri(uri).LocalPath), Line: region.GetProperty("startLine").GetInt32(), Column: region.GetProperty("startColumn").GetInt32(),
                        EndLine: region.GetProperty("endLine").GetInt32(), EndColumn: region.GetProperty("endColumn").GetInt32(), Id: r.GetProperty("ruleId").GetString()!,
                        Message: r.GetProperty("message").GetProperty("text").GetString()!, Path: new Uri(uri).LocalPath);
                })
                .ToList();
            var inSource = results.Where(r => r.File.EndsWith(".cs", StringComparison.Ordinal)).ToList();
            Assert.Equal(markers.OrderBy(m => m.File).ThenBy(m => m.Line).ThenBy(m => m.Id), inSource.Select(r => (r.File, r.Line, r.Id)).Distinct().OrderBy(m => m.File).ThenBy(m => m.Line).ThenBy(m => m.Id));
            foreach (var result in inSource)
            {
                // The region is 1-based and covers real code on that line (the construct, never the marker comment).
                var line = File.ReadAllLines(result.Path)[result.Line - 1];
                Assert.True(result.Column >= 1 && result.Column <= line.Length, $"{result.Id} at {result.File}({result.Line},{result.Column})");
                Assert.True(line.IndexOf("//", StringComparison.Ordinal) < 0 || result.Column - 1 < line.IndexOf("//", StringComparison.Ordinal), $"{result.Id} points into a comment");
                Assert.True(result.EndLine > result.Line || result.EndColumn > result.Column);
            }

            // CXA2003 in appsettings.json (an AdditionalFile) is at the key, on line 4.
            Assert.Contains(results, r => r.Id == "CXA2003" && r.File == "appsettings.json" && r.Line == 4);

            // No secret and no full key ID anywhere in the log.
            var sources = string.Join("\n", Directory.EnumerateFiles(sample, "*.*").Where(f => f.EndsWith(".cs") || f.EndsWith(".json")).Select(File.ReadAllText));
            var secrets = Regex.Matches(sources, "(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}").Select(m => m.Value)
                .Concat(Regex.Matches(sources, "\"([A-Za-z0-9/+=]{40})\"").Select(m => m.Groups[1].Value))
                .Distinct().ToList();
            Assert.NotEmpty(secrets);
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, text));
            Assert.DoesNotMatch("(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}", text);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("Default")]
    [InlineData("Strict")]
    public void Presets_SetEveryRule_DefaultAsDocumented_StrictAllErrors(string preset)
    {
        var path = Path.Combine(Root, "src", "CrossAccountAnalyzers.Package", "globalconfig", $"CrossAccountAnalyzers.{preset}.globalconfig");
        var lines = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Contains("is_global = true", lines);
        var severities = lines.Select(l => Regex.Match(l, @"^dotnet_diagnostic\.(CXA\d{4})\.severity = (\w+)$")).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(Descriptors.Select(d => d.Id), severities.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var descriptor in Descriptors)
        {
            var expected = preset == "Strict" ? "error"
                : !descriptor.IsEnabledByDefault ? "none"
                : descriptor.DefaultSeverity switch
                {
                    DiagnosticSeverity.Error => "error",
                    DiagnosticSeverity.Warning => "warning",
                    DiagnosticSeverity.Info => "suggestion",
                    _ => "silent",
                };
            Assert.Equal(expected, severities[descriptor.Id]);
        }

        // The preset is selectable by name from the package's targets.
        var targets = File.ReadAllText(Path.Combine(Root, "src", "CrossAccountAnalyzers.Package", "build", "CrossAccountAnalyzers.targets"));
        Assert.Contains("CrossAccountAnalyzers.$(CrossAccountAnalysisMode).globalconfig", targets);
    }

    private static (int ExitCode, string Output) Run(string file, string arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
