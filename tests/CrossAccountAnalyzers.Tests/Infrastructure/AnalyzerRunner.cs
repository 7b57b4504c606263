using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace CrossAccountAnalyzers.Tests.Infrastructure;

/// <summary>
/// Runs every analyzer of the package on raw sources (which may not compile), outside the test framework, and
/// returns diagnostics, analyzer exceptions and telemetry. For code-being-typed and registration tests.
/// </summary>
public static class AnalyzerRunner
{
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers { get; } = typeof(CxaRule).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public sealed record Result(
        ImmutableArray<Diagnostic> Diagnostics,
        ImmutableArray<Exception> Exceptions,
        ImmutableDictionary<DiagnosticAnalyzer, AnalyzerTelemetryInfo> Telemetry,
        Compilation Compilation);

    public static async Task<Compilation> CompileAsync(AwsSdk sdk, params string[] sources)
    {
        var references = (await AwsReferences.For(sdk).ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).AddRange(AwsReferences.ExtraReferences(sdk));

        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions, path: $"/src/File{i}.cs"));
        return CSharpCompilation.Create("Test", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    public static async Task<Result> RunAsync(AwsSdk sdk, params string[] sources)
        => await RunAsync(await CompileAsync(sdk, sources), AllAnalyzers, CancellationToken.None);

    public static async Task<Result> RunAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken, AnalyzerOptions? options = null, bool concurrent = true)
    {
        var exceptions = new ConcurrentQueue<Exception>();
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(
                options ?? new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (e, _, _) => exceptions.Enqueue(e),
                concurrentAnalysis: concurrent,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
        foreach (var diagnostic in diagnostics)
        {
            TestSecrets.AssertNoSecretIn(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }

        var telemetry = ImmutableDictionary.CreateBuilder<DiagnosticAnalyzer, AnalyzerTelemetryInfo>();
        foreach (var analyzer in analyzers)
        {
            telemetry.Add(analyzer, await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken));
        }

        return new Result(diagnostics, exceptions.ToImmutableArray(), telemetry.ToImmutable(), compilation);
    }
}

/// <summary>What the package exports, as the compiler loads it.</summary>
internal static class Shipped
{
    /// <summary>A new instance of the exported analyzer whose family holds the rule <paramref name="ruleType"/>.</summary>
    public static FamilyAnalyzer FamilyOf(Type ruleType)
    {
        var family = AnalyzerRunner.AllAnalyzers.OfType<FamilyAnalyzer>().Single(f => f.Rules.Any(r => r.GetType() == ruleType));
        return (FamilyAnalyzer)Activator.CreateInstance(family.GetType())!;
    }
}
