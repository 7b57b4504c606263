using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CrossAccountAnalyzers.Tests.Robustness;

/// <summary>
/// Inputs and runners for the robustness tests: every analyzer and every code fix of the package over real and
/// mangled code, counting analyzer exceptions (AD0001 or the host's exception callback) and fixer exceptions.
/// </summary>
public static class RobustnessHarness
{
    public static string Root => Repository.Root;

    public static ImmutableArray<CodeFixProvider> AllFixers => Repository.AllFixers;

    /// <summary>Every .cs file of the repository (sources, tests, samples), outside bin/obj.</summary>
    public static IReadOnlyList<(string Path, string Text)> RepositoryFiles()
        => Directory.EnumerateFiles(Root, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "artifacts" or ".git"))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllText(p)))
            .ToList();

    private static readonly Regex Markup = new(@"\[\||\|\]|\{\|#\d+:|\{\|[A-Z]+\d*:|\|\}");

    /// <summary>
    /// The C# sources the test suite feeds the analyzers: every raw string literal in tests/ (interpolation holes
    /// filled with a key ID), markup removed, keeping those that look like code.
    /// </summary>
    public static IReadOnlyList<string> TestInputs()
    {
        var inputs = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "tests"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) || file.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
            {
                continue;
            }

            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            foreach (var node in root.DescendantNodes())
            {
                string? text = node switch
                {
                    LiteralExpressionSyntax literal when literal.Token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) => literal.Token.ValueText,
                    InterpolatedStringExpressionSyntax interpolated when interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken)
                        => string.Concat(interpolated.Contents.Select(c => c is InterpolatedStringTextSyntax t ? t.TextToken.ValueText : TestSecrets.KeyId)),
                    _ => null,
                };
                if (text is not null && (text.Contains("class ") || text.Contains("using ")))
                {
                    inputs.Add(Markup.Replace(text, string.Empty));
                }
            }
        }

        return inputs;
    }

    /// <summary><paramref name="text"/> cut at <paramref name="points"/> deterministic places (code being typed).</summary>
    public static IEnumerable<string> Truncations(string text, int points)
    {
        for (var i = 1; i <= points; i++)
        {
            yield return text.Substring(0, (int)((long)text.Length * i / (points + 1)));
        }
    }

    /// <summary>Variants of <paramref name="text"/> with random tokens deleted (seeded, so every run is the same).</summary>
    public static IEnumerable<string> TokenDeletions(string text, int variants, int seed)
    {
        var tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToArray();
        if (tokens.Length == 0)
        {
            yield break;
        }

        var random = new Random(seed);
        for (var v = 0; v < variants; v++)
        {
            var deleted = new HashSet<int>();
            var count = 1 + random.Next(Math.Max(1, tokens.Length / 20));
            for (var i = 0; i < count; i++)
            {
                deleted.Add(random.Next(tokens.Length));
            }

            var builder = new StringBuilder(text);
            foreach (var index in deleted.OrderByDescending(i => tokens[i].SpanStart))
            {
                builder.Remove(tokens[index].SpanStart, tokens[index].Span.Length);
            }

            yield return builder.ToString();
        }
    }

    public sealed record Outcome(int Diagnostics, ImmutableArray<string> Failures, int FixesApplied);

    /// <summary>Analyzes the sources (one tree each) with every analyzer, then applies every offered fix to up to <paramref name="maxFixes"/> diagnostics.</summary>
    public static async Task<Outcome> RunAsync(IReadOnlyList<string> sources, AwsSdk sdk, int maxFixes, CancellationToken cancellationToken, bool nullable = true, bool concurrent = true)
    {
        var references = await AwsReferences.For(sdk).ResolveAsync(LanguageNames.CSharp, cancellationToken);
        if (AwsReferences.WithCdk(sdk))
        {
            references = references.AddRange(AwsReferences.CdkReferences);
        }

        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Robustness", "Robustness", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable ? NullableContextOptions.Enable : NullableContextOptions.Disable),
                parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12),
                metadataReferences: references));
        for (var i = 0; i < sources.Count; i++)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"Input{i}.cs", SourceText.From(sources[i]), filePath: $"/robustness/Input{i}.cs");
        }

        var project = solution.GetProject(projectId)!;
        var compilation = (await project.GetCompilationAsync(cancellationToken))!;
        var result = await AnalyzerRunner.RunAsync(compilation, AnalyzerRunner.AllAnalyzers, cancellationToken, project.AnalyzerOptions, concurrent);
        var failures = result.Exceptions.Select(e => "analyzer: " + e).ToList();
        failures.AddRange(result.Diagnostics.Where(d => d.Id == "AD0001").Select(d => "AD0001: " + d.GetMessage()));

        var applied = 0;
        foreach (var diagnostic in result.Diagnostics.Where(d => d.Location.IsInSource).Take(maxFixes))
        {
            var document = project.GetDocument(diagnostic.Location.SourceTree);
            if (document is null)
            {
                continue;
            }

            foreach (var fixer in AllFixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                try
                {
                    var actions = new List<CodeAction>();
                    var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
                    await fixer.RegisterCodeFixesAsync(context);
                    foreach (var action in actions)
                    {
                        foreach (var operation in await action.GetOperationsAsync(cancellationToken))
                        {
                            if (operation is ApplyChangesOperation apply)
                            {
                                // The changed solution must be computable, and its documents parseable.
                                foreach (var changed in apply.ChangedSolution.GetChanges(project.Solution).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()))
                                {
                                    _ = await apply.ChangedSolution.GetDocument(changed)!.GetSyntaxRootAsync(cancellationToken);
                                }

                                applied++;
                            }
                        }
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures.Add($"fixer {fixer.GetType().Name} on {diagnostic.Id}: {e}");
                }
            }
        }

        return new Outcome(result.Diagnostics.Length, failures.ToImmutableArray(), applied);
    }
}
