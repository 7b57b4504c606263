using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using CrossAccountAnalyzers.Tests.Robustness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace CrossAccountAnalyzers.Tests.Meta;

/// <summary>
/// Every fix the package offers, applied to every test input: the diagnostic it was offered for is gone and nothing
/// new fails to compile (a fix that leaves the keys in place, or adds a parameter the callers cannot pass, fails here).
/// </summary>
public class EveryFixTests
{
    [StressFact]
    [Trait("Category", StressFactAttribute.Category)]
    public async Task EveryOfferedFix_RemovesItsDiagnostic_AndCompiles()
    {
        var references = (await AwsReferences.For(AwsSdk.Cdk).ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).AddRange(AwsReferences.CdkReferences);
        var failures = new List<string>();
        var applied = 0;
        var inputs = RobustnessHarness.TestInputs();
        for (var index = 0; index < inputs.Count; index++)
        {
            using var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "P", "P", LanguageNames.CSharp,
                    compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                        .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CXA3003"] = ReportDiagnostic.Warn }),
                    parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12),
                    metadataReferences: references))
                .AddDocument(DocumentId.CreateNewId(projectId), "Input.cs", SourceText.From(inputs[index]), filePath: "/src/Input.cs");
            var project = solution.GetProject(projectId)!;
            var (errors, diagnostics) = await AnalyzeAsync(project);
            foreach (var diagnostic in diagnostics.Where(d => d.Location.IsInSource && Repository.AllFixers.Any(f => f.FixableDiagnosticIds.Contains(d.Id))))
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                foreach (var fixer in Repository.AllFixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    var actions = new List<CodeAction>();
                    await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
                    foreach (var action in actions)
                    {
                        var apply = (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().SingleOrDefault();
                        if (apply is null)
                        {
                            failures.Add($"input {index}: {action.EquivalenceKey} on {diagnostic.Id} changes nothing");
                            continue;
                        }

                        applied++;
                        var (errorsAfter, diagnosticsAfter) = await AnalyzeAsync(apply.ChangedSolution.GetProject(projectId)!);
                        var newErrors = errorsAfter.Except(errors).ToArray();
                        if (newErrors.Length > 0)
                        {
                            failures.Add($"input {index}: {action.EquivalenceKey} on {diagnostic.Id} at {diagnostic.Location.GetLineSpan().StartLinePosition} breaks the build: {string.Join("; ", newErrors.Take(3))}");
                        }

                        if (diagnosticsAfter.Count(d => d.Id == diagnostic.Id) >= diagnostics.Count(d => d.Id == diagnostic.Id))
                        {
                            failures.Add($"input {index}: {action.EquivalenceKey} on {diagnostic.Id} at {diagnostic.Location.GetLineSpan().StartLinePosition} leaves the diagnostic");
                        }
                    }
                }
            }
        }

        Assert.True(applied > 50, $"only {applied} fixes applied: the inputs no longer exercise the fixes");
        Assert.True(failures.Count == 0, $"{failures.Count} of {applied} fixes failed:\n" + string.Join("\n", failures.Take(15)));
    }

    /// <summary>The compiler's errors (ID and message, so that moved code does not count as new) and the CXA diagnostics.</summary>
    private static async Task<(HashSet<string> Errors, List<Diagnostic> Diagnostics)> AnalyzeAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        var result = await AnalyzerRunner.RunAsync(compilation, AnalyzerRunner.AllAnalyzers, CancellationToken.None, project.AnalyzerOptions);
        return (errors, result.Diagnostics.ToList());
    }
}
