using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers.Cli.Rules;

/// <summary>One rule as the analyzers describe it (from <see cref="DiagnosticAnalyzer.SupportedDiagnostics"/>).</summary>
internal sealed record RuleInfo(string Id, string Title, string Description, string HelpLink, DiagnosticSeverity DefaultSeverity, bool EnabledByDefault, ImmutableArray<string> Tags)
{
    /// <summary>The CWE tag (for example <c>CWE-441</c>), if the rule has one.</summary>
    public string? Cwe => Tags.FirstOrDefault(t => t.StartsWith("CWE-", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The analyzers and code fixes of the CrossAccountAnalyzers assemblies shipped with the tool, found by reflection:
/// every non-abstract <see cref="DiagnosticAnalyzer"/> carrying <see cref="DiagnosticAnalyzerAttribute"/> for C#, and
/// every <see cref="CodeFixProvider"/> carrying <see cref="ExportCodeFixProviderAttribute"/>. No type is named, so the
/// tool follows however the analyzer assemblies are organised.
/// </summary>
internal sealed class RuleCatalog
{
    public const string AnalyzerAssemblyName = "CrossAccountAnalyzers";
    public const string CodeFixAssemblyName = "CrossAccountAnalyzers.CodeFixes";

    /// <summary>
    /// Rules that judge text (string literals, AdditionalFiles, environment variable names, JSON policies in strings)
    /// and so still run, against a stand-in for AWSSDK.Core, when no AWS reference assembly can be had. The others
    /// need the AWS SDK's (or CDK's) types to bind (RULES.md).
    /// </summary>
    public static readonly ImmutableHashSet<string> TextRules = ImmutableHashSet.Create("CXA2003", "CXA2004", "CXA3001", "CXA3002", "CXA3003", "CXA3004", "CXA3005");

    private RuleCatalog(ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<CodeFixProvider> fixers, ImmutableArray<RuleInfo> rules, string version)
    {
        Analyzers = analyzers;
        Fixers = fixers;
        Rules = rules;
        ById = rules.ToImmutableDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);
        Version = version;
    }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    public ImmutableArray<CodeFixProvider> Fixers { get; }

    /// <summary>The rules, ordered by ID.</summary>
    public ImmutableArray<RuleInfo> Rules { get; }

    public ImmutableDictionary<string, RuleInfo> ById { get; }

    /// <summary>The analyzer assembly's informational version (the package version).</summary>
    public string Version { get; }

    public static RuleCatalog Load()
    {
        var analyzerAssembly = Assembly.Load(new AssemblyName(AnalyzerAssemblyName));
        var fixAssembly = Assembly.Load(new AssemblyName(CodeFixAssemblyName));

        var analyzers = LoadableTypes(analyzerAssembly)
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Where(t => t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        var fixers = LoadableTypes(fixAssembly)
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .Where(t => t.GetCustomAttributes<ExportCodeFixProviderAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        var rules = new SortedDictionary<string, RuleInfo>(StringComparer.Ordinal);
        foreach (var analyzer in analyzers)
        {
            foreach (var d in analyzer.SupportedDiagnostics)
            {
                if (!rules.ContainsKey(d.Id))
                {
                    rules[d.Id] = new RuleInfo(
                        d.Id,
                        d.Title.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        d.Description.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        d.HelpLinkUri,
                        d.DefaultSeverity,
                        d.IsEnabledByDefault,
                        d.CustomTags.ToImmutableArray());
                }
            }
        }

        var version = analyzerAssembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+');
        if (plus >= 0)
        {
            version = version.Substring(0, plus);
        }

        return new RuleCatalog(analyzers, fixers, rules.Values.ToImmutableArray(), version);
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.Where(t => t is not null)!;
        }
    }
}
