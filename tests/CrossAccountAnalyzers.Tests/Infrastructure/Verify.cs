using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace CrossAccountAnalyzers.Tests.Infrastructure;

/// <summary>
/// A small alias over Microsoft.CodeAnalysis.Testing: analyzer tests and code-fix tests of one rule against a pinned AWS
/// SDK. The rule runs as it ships, inside its family's exported analyzer; the family's other rules are switched off
/// (<c>DisabledDiagnostics</c>, which the compiler sees as <c>&lt;NoWarn&gt;</c>) unless the test expects their diagnostics.
/// </summary>
internal static class Verify<TRule, TCodeFix>
    where TRule : CxaRule, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(int markupKey = 0)
        => new DiagnosticResult(new TRule().SupportedDiagnostics[0]).WithLocation(markupKey).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor, int markupKey = 0)
        => new DiagnosticResult(descriptor).WithLocation(markupKey).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    /// <summary>Runs the analyzer on <paramref name="source"/> (markup: <c>[|...|]</c> or <c>{|#0:...|}</c>) and compares diagnostics.</summary>
    public static Task AnalyzerAsync(string source, AwsSdk sdk, params DiagnosticResult[] expected)
        => AnalyzerAsync(source, sdk, editorConfig: null, expected);

    public static async Task AnalyzerAsync(string source, AwsSdk sdk, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source, ReferenceAssemblies = AwsReferences.For(sdk) };
        AddReferences(test, sdk);
        AddEditorConfig(test.TestState, editorConfig);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunForRuleAsync(CancellationToken.None);
        await ScanMessagesAsync(sdk, source);
    }

    /// <summary>
    /// Every analyzer of the package runs once more on the test input (markup removed), and every message it produces
    /// is checked for secrets: the suite as a whole proves that no message prints one.
    /// </summary>
    private static async Task ScanMessagesAsync(AwsSdk sdk, params string[] sources)
    {
        var plain = System.Array.ConvertAll(sources, s => Markup.Replace(s, string.Empty));
        var result = await AnalyzerRunner.RunAsync(sdk, plain);
        foreach (var diagnostic in result.Diagnostics)
        {
            TestSecrets.AssertNoSecretIn(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static readonly System.Text.RegularExpressions.Regex Markup = new(@"\[\||\|\]|\{\|#\d+:|\{\|[A-Z]+\d*:|\|\}");

    /// <summary>Applies the fix registered under <paramref name="equivalenceKey"/> (and FixAll) and compares with <paramref name="fixedSource"/>, which must compile.</summary>
    public static Task CodeFixAsync(string source, string fixedSource, AwsSdk sdk, string equivalenceKey, string? editorConfig = null, int? iterations = null)
        => CodeFixAsync(source, fixedSource, sdk, equivalenceKey, editorConfig, iterations, expected: null);

    /// <summary>
    /// A code-fix test whose sources contain <c>$$</c> (raw interpolated strings), which the markup syntax would read as a
    /// position: markup is off and the diagnostics are given explicitly.
    /// </summary>
    public static Task CodeFixWithoutMarkupAsync(string source, string fixedSource, AwsSdk sdk, string equivalenceKey, params DiagnosticResult[] expected)
        => CodeFixAsync(source, fixedSource, sdk, equivalenceKey, null, null, expected);

    private static async Task CodeFixAsync(string source, string fixedSource, AwsSdk sdk, string equivalenceKey, string? editorConfig, int? iterations, DiagnosticResult[]? expected)
    {
        var test = new Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = AwsReferences.For(sdk),
            CodeActionEquivalenceKey = equivalenceKey,
        };
        if (expected is not null)
        {
            test.TestState.MarkupHandling = MarkupMode.None;
            test.FixedState.MarkupHandling = MarkupMode.None;
            test.TestState.ExpectedDiagnostics.AddRange(expected);
        }

        AddReferences(test, sdk);
        if (iterations is { } n)
        {
            test.NumberOfIncrementalIterations = n;
            test.NumberOfFixAllIterations = 1;
        }

        if (sdk is AwsSdk.V4 or AwsSdk.Cdk)
        {
            // On SDK v4 a fix must not bring in obsolete APIs (FallbackCredentialsFactory): CS0618 in the fixed code fails the test.
            test.FixedState.ExpectedDiagnostics.Clear();
            test.CompilerDiagnostics = CompilerDiagnostics.Warnings;
            test.DisabledDiagnostics.AddRange(new[] { "CS1701", "CS1702", "CS0168", "CS0219", "CS0169", "CS0414", "CS0649", "CS1998", "CS8019", "CS1591" });
        }

        AddEditorConfig(test.TestState, editorConfig);
        AddEditorConfig(test.FixedState, editorConfig);
        await test.RunForRuleAsync(CancellationToken.None);
        await ScanMessagesAsync(sdk, source);
    }

    /// <summary>A code-fix test with several documents (callers in other files).</summary>
    public static async Task CodeFixAsync((string Name, string Source)[] sources, (string Name, string Source)[] fixedSources, AwsSdk sdk, string equivalenceKey, int? iterations = null)
    {
        var test = new Test { ReferenceAssemblies = AwsReferences.For(sdk), CodeActionEquivalenceKey = equivalenceKey };
        foreach (var s in sources)
        {
            test.TestState.Sources.Add((s.Name, s.Source));
        }

        foreach (var s in fixedSources)
        {
            test.FixedState.Sources.Add((s.Name, s.Source));
        }

        if (iterations is { } n)
        {
            test.NumberOfIncrementalIterations = n;
            test.NumberOfFixAllIterations = 1;
        }

        await test.RunForRuleAsync(CancellationToken.None);
    }

    public static void AddReferences(Test test, AwsSdk sdk)
    {
        test.TestState.AdditionalReferences.AddRange(AwsReferences.ExtraReferences(sdk));
        test.FixedState.AdditionalReferences.AddRange(AwsReferences.ExtraReferences(sdk));
    }

    private static void AddEditorConfig(SolutionState state, string? editorConfig)
    {
        if (editorConfig is not null)
        {
            state.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig + "\n"));
        }
    }

    public sealed class Test : CSharpCodeFixTest<EmptyDiagnosticAnalyzer, TCodeFix, DefaultVerifier>
    {
        /// <summary>The exported analyzer of <typeparamref name="TRule"/>'s family.</summary>
        public static FamilyAnalyzer Family() => Shipped.FamilyOf(typeof(TRule));

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => new DiagnosticAnalyzer[] { Family() };

        /// <summary>Markup without an ID (<c>[|...|]</c>) is the rule's diagnostic, not the family's first.</summary>
        protected override DiagnosticDescriptor? GetDefaultDiagnostic(DiagnosticAnalyzer[] analyzers) => new TRule().SupportedDiagnostics[0];

        /// <summary>Switches off the family's rules whose diagnostics the test does not expect.</summary>
        public Task RunForRuleAsync(CancellationToken cancellationToken = default)
        {
            var wanted = new HashSet<string>(new TRule().SupportedDiagnostics.Select(d => d.Id));
            wanted.UnionWith(TestState.ExpectedDiagnostics.Select(d => d.Id));
            wanted.UnionWith(FixedState.ExpectedDiagnostics.Select(d => d.Id));
            wanted.UnionWith(ExpectedDiagnostics.Select(d => d.Id));
            DisabledDiagnostics.AddRange(Family().SupportedDiagnostics.Select(d => d.Id).Where(id => !wanted.Contains(id)));
            return RunAsync(cancellationToken);
        }

        public Test()
        {
            // Test sources use file-scoped namespaces, raw strings and target-typed new.
            SolutionTransforms.Add((solution, projectId) =>
            {
                var project = solution.GetProject(projectId)!;
                var parseOptions = ((Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp12);
                return solution.WithProjectParseOptions(projectId, parseOptions);
            });
        }
    }
}
