using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CrossAccountAnalyzers.Tests.Meta;

using static CrossAccountAnalyzers.Tests.Infrastructure.Repository;

/// <summary>The descriptors, docs pages, README rule table and release tracking must agree, so none of them can drift.</summary>
public class RuleCatalogueTests
{
    private static HashSet<string> FixableIds => AllFixers.SelectMany(f => f.FixableDiagnosticIds).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void EveryAnalyzerIsFoundAndEveryIdIsDeclaredOnce()
    {
        Assert.NotEmpty(AnalyzerRunner.AllAnalyzers);
        var ids = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).OrderBy(i => i, StringComparer.Ordinal).ToArray();
        Assert.Equal(ids, Descriptors.Select(d => d.Id).ToArray());
        Assert.All(ids, id => Assert.Matches("^CXA[1-3][0-9]{3}$", id));
    }

    /// <summary>The families: an ID range, the folder (and namespace) of its rules, fixers and tests.</summary>
    private static readonly (string Prefix, string Folder)[] Families = { ("CXA1", "ExternalId"), ("CXA2", "Credentials"), ("CXA3", "TrustPolicies") };

    [Fact]
    public void EveryRule_HasOneNameEverywhere_InItsFamilyFolder()
    {
        // From the ID: the DiagnosticIds constant names the rule; the descriptor is ID_Name, the rule class NameRule,
        // the fixer (when the rule has one) NameCodeFixProvider, the test class ID_NameTests, the docs page docs/rules/ID.md;
        // the rule, fixer and tests sit in the family's folder and namespace.
        var names = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.NonPublic).ToDictionary(f => (string)f.GetValue(null)!, f => f.Name);
        var descriptorFields = typeof(CrossAccountAnalyzers.Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.NonPublic).Where(f => f.FieldType == typeof(DiagnosticDescriptor)).ToArray();
        var rules = typeof(CxaRule).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(CxaRule).IsAssignableFrom(t)).ToArray();
        var testClasses = typeof(RuleCatalogueTests).Assembly.GetTypes();
        Assert.Equal(Descriptors.Count, names.Count);
        Assert.Equal(Descriptors.Count, descriptorFields.Length);
        foreach (var descriptor in Descriptors)
        {
            var id = descriptor.Id;
            var name = names[id];
            var folder = Families.Single(f => id.StartsWith(f.Prefix, StringComparison.Ordinal)).Folder;

            var field = Assert.Single(descriptorFields, f => ((DiagnosticDescriptor)f.GetValue(null)!).Id == id);
            Assert.Equal(id + "_" + name, field.Name);

            var rule = Assert.Single(rules, r => ((CxaRule)Activator.CreateInstance(r)!).SupportedDiagnostics.Any(d => d.Id == id));
            Assert.Equal(name + "Rule", rule.Name);
            Assert.Equal("CrossAccountAnalyzers." + folder, rule.Namespace);
            Assert.True(File.Exists(Path.Combine(Root, "src", "CrossAccountAnalyzers", folder, rule.Name + ".cs")), rule.Name + ".cs is not in src/CrossAccountAnalyzers/" + folder);

            var fixers = AllFixers.Where(f => f.FixableDiagnosticIds.Contains(id)).ToArray();
            if (fixers.Length > 0)
            {
                var fixer = Assert.Single(fixers).GetType();
                Assert.Equal(name + "CodeFixProvider", fixer.Name);
                Assert.Equal(new[] { id }, fixers[0].FixableDiagnosticIds);
                Assert.Equal("CrossAccountAnalyzers.CodeFixes." + folder, fixer.Namespace);
            }

            var tests = Assert.Single(testClasses, t => t.Name == id + "_" + name + "Tests");
            Assert.Equal("CrossAccountAnalyzers.Tests." + folder, tests.Namespace);
            Assert.True(File.Exists(Path.Combine(Root, "docs", "rules", id + ".md")), "missing docs/rules/" + id + ".md");
        }

        // Every test class named after a rule names a real one.
        Assert.All(testClasses.Where(t => Regex.IsMatch(t.Name, "^CXA[0-9]{4}_")), t => Assert.Contains(t.Name, Descriptors.Select(d => d.Id + "_" + names[d.Id] + "Tests")));
    }

    [Fact]
    public void EveryDescriptor_HasHelpLinkToAnExistingDocsPage_CategoryAndCwe()
    {
        foreach (var descriptor in Descriptors)
        {
            var expected = "https://github.com/crossaccountanalyzers/CrossAccountAnalyzers/blob/main/docs/rules/" + descriptor.Id + ".md";
            Assert.Equal(expected, descriptor.HelpLinkUri);
            var page = Path.Combine(Root, "docs", "rules", descriptor.Id + ".md");
            Assert.True(File.Exists(page), "missing " + page);
            var text = File.ReadAllText(page);
            Assert.StartsWith("# " + descriptor.Id + ": " + descriptor.Title, text);
            foreach (var section in new[] { "## Cause", "## Why it matters", "## Examples", "## How to fix", "## Options", "## How to suppress" })
            {
                Assert.Contains(section, text);
            }

            Assert.Contains("| Default severity | " + descriptor.DefaultSeverity + " |", text);
            Assert.Equal("Security", descriptor.Category);
            Assert.Contains(descriptor.CustomTags, t => t.StartsWith("CWE-", StringComparison.Ordinal) || t == "Security");
        }
    }

    [Fact]
    public void ReadmeRuleTable_MatchesDescriptors()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var rows = Regex.Matches(readme, @"^\| \[(CXA\d{4})\]\(docs/rules/\1\.md\) \| (.+?) \| ([^|]+?) \| (Yes|No) \| [^|]*\S[^|]* \|\s*$", RegexOptions.Multiline)
            .Select(m => (Id: m.Groups[1].Value, Title: m.Groups[2].Value, Severity: m.Groups[3].Value, Fix: m.Groups[4].Value == "Yes"))
            .ToList();
        Assert.Equal(Descriptors.Select(d => d.Id), rows.Select(r => r.Id));
        foreach (var descriptor in Descriptors)
        {
            var row = rows.Single(r => r.Id == descriptor.Id);
            Assert.Equal(descriptor.Title.ToString(), row.Title);
            var severity = descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : descriptor.DefaultSeverity + " (off by default)";
            Assert.Equal(severity, row.Severity);
            Assert.Equal(FixableIds.Contains(descriptor.Id), row.Fix);
        }
    }

    [Fact]
    public void ReleaseTracking_ListsEveryRuleWithItsSeverity()
    {
        var unshipped = File.ReadAllText(Path.Combine(Root, "src", "CrossAccountAnalyzers", "AnalyzerReleases.Unshipped.md"));
        var shipped = File.ReadAllText(Path.Combine(Root, "src", "CrossAccountAnalyzers", "AnalyzerReleases.Shipped.md"));
        foreach (var descriptor in Descriptors)
        {
            var line = Regex.Match(unshipped + "\n" + shipped, "^" + descriptor.Id + @"\s*\|\s*(\w+)\s*\|\s*(\w+)", RegexOptions.Multiline);
            Assert.True(line.Success, descriptor.Id + " is not in AnalyzerReleases.*.md");
            Assert.Equal(descriptor.Category, line.Groups[1].Value);
            var severity = descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled";
            Assert.Equal(severity, line.Groups[2].Value);
        }
    }
}
