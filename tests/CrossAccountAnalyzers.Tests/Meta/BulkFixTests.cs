using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace CrossAccountAnalyzers.Tests.Meta;

/// <summary>
/// Fixes applied the way a bulk client applies them. <c>dotnet format analyzers</c>, for each reported ID in turn,
/// analyzes the current solution with the analyzers that support the ID, takes the first diagnostic they reported
/// (whatever its ID), asks the ID's fixers for fixes on it, and runs a solution-wide Fix All with the first fix's
/// equivalence key, or none when no fix was offered. The package exports one analyzer for all rules, so that
/// diagnostic is often another rule's. The consumer matrix (.ci) runs the real tool; this runs the same steps here.
/// </summary>
public sealed class BulkFixTests
{
    private const string Services = """
        using Amazon;
        using Amazon.Runtime;
        using Amazon.SecurityToken;
        using Amazon.SecurityToken.Model;

        public static class Services
        {
            // Kept after a rotation: not fixable, must stay reported.
            private const string RotatedKeyId = "AKIAQ3EGRTX7KPLM2NWZ";
            private const string VendorExternalId = "acme-prod-2f9c1e";

            public static AssumeRoleRequest Audit(string roleArn)
            {
                // Assumed with nothing but its ARN.
                return new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "audit" };
            }

            public static AssumeRoleRequest Vendor(string roleArn)
                => new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "vendor", ExternalId = VendorExternalId };

            public static IAmazonSecurityTokenService Client()
                => new AmazonSecurityTokenServiceClient("AKIARTX3GSDS7FJONNBY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9Secret0", RegionEndpoint.EUWest1);
        }
        """;

    private const string Jobs = """
        using Amazon.Runtime;
        using Amazon.SecurityToken.Model;

        public static class Jobs
        {
            public static AWSCredentials Batch()
                => new BasicAWSCredentials("AKIAZ4TNB7VQWX2ELR6M", "Pq8vN3xK0bR7tLw2Yc5Hj9Fm1Ds4Ga6Ue8Zi0Oy3");

            public static AssumeRoleRequest Report(string reportRoleArn) => new AssumeRoleRequest { RoleArn = reportRoleArn, RoleSessionName = "report" };
        }
        """;

    private static readonly string[] Fixable = { "CXA1001", "CXA1002", "CXA2001", "CXA2002" };

    [Theory]
    [MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public async Task FixAllStartedFromAnotherRulesDiagnostic_FixesEveryFixableRule(AwsSdk sdk)
    {
        var solution = await CreateSolutionAsync(sdk);
        var before = await AnalyzeAsync(solution);
        Assert.Equal(new[] { "CXA1001", "CXA1001", "CXA1002", "CXA2001", "CXA2002", "CXA2003" }, before.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));

        foreach (var id in Fixable)
        {
            var diagnostics = await AnalyzeAsync(solution);
            Assert.Contains(diagnostics, d => d.Id == id);

            // What the client starts from: the first diagnostic of the analyzer, here always another rule's (CXA2002's
            // for CXA2001, which the same fixer fixes; a rule without that fixer's for the others).
            var first = diagnostics.First(d => d.Id != id);
            var document = solution.GetDocument(first.Location.SourceTree)!;
            foreach (var fixer in Repository.AllFixers.Where(f => f.FixableDiagnosticIds.Contains(id)))
            {
                var offered = new List<CodeAction>();
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, first, (a, _) => offered.Add(a), CancellationToken.None));
                Assert.Equal(fixer.FixableDiagnosticIds.Contains(first.Id), offered.Count > 0);
                var key = offered.FirstOrDefault()?.EquivalenceKey;

                var context = new FixAllContext(document, fixer, FixAllScope.Solution, key!, new[] { id }, new Provider(diagnostics), CancellationToken.None);
                var action = await fixer.GetFixAllProvider()!.GetFixAsync(context);
                Assert.NotNull(action);
                var apply = (await action!.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
                solution = apply.ChangedSolution;
            }

            Assert.DoesNotContain(await AnalyzeAsync(solution), d => d.Id == id);
        }

        var compilation = (await solution.Projects.Single().GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var after = await AnalyzeAsync(solution);
        Assert.Equal(new[] { "CXA2003" }, after.Select(d => d.Id));

        var text = string.Join("\n", solution.Projects.Single().Documents.Select(d => d.GetTextAsync().Result.ToString()));
        Assert.Contains("// Assumed with nothing but its ARN.", text, StringComparison.Ordinal);
        Assert.Contains("RegionEndpoint.EUWest1", text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSecrets.SecretKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Pq8vN3xK0bR7", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixAllWithAKey_IsUnchanged_AndWithoutAnyFixOffered_ReturnsNothing()
    {
        var solution = await CreateSolutionAsync(AwsSdk.V4);
        var diagnostics = await AnalyzeAsync(solution);
        var fixer = Repository.AllFixers.Single(f => f.FixableDiagnosticIds.Contains("CXA1001"));
        var document = solution.Projects.Single().Documents.First();

        // With the IDE's key: the chosen fix (configuration) everywhere.
        var keyed = new FixAllContext(document, fixer, FixAllScope.Solution, "CXA1001.Configuration", new[] { "CXA1001" }, new Provider(diagnostics), CancellationToken.None);
        var action = await fixer.GetFixAllProvider()!.GetFixAsync(keyed);
        var changed = (await action!.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single().ChangedSolution;
        Assert.DoesNotContain(await AnalyzeAsync(changed), d => d.Id == "CXA1001");
        Assert.Equal(2, CountIn(changed, "GetEnvironmentVariable(") - CountIn(solution, "GetEnvironmentVariable("));

        // Without a key and with nothing of the ID in scope: no action rather than a guess.
        var none = new FixAllContext(document, fixer, FixAllScope.Solution, null!, new[] { "CXA1001" }, new Provider(diagnostics.Where(d => d.Id != "CXA1001")), CancellationToken.None);
        Assert.Null(await fixer.GetFixAllProvider()!.GetFixAsync(none));
    }

    private static int CountIn(Solution solution, string needle)
        => solution.Projects.Single().Documents.Sum(d => d.GetTextAsync().Result.ToString().Split(needle).Length - 1);

    private static async Task<Solution> CreateSolutionAsync(AwsSdk sdk)
    {
        var references = await AwsReferences.For(sdk).ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        // Every rule on, as the Strict preset does (CXA1002 is off by default).
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(Repository.Descriptors.Select(d => new KeyValuePair<string, ReportDiagnostic>(d.Id, ReportDiagnostic.Warn)));
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Bulk", "Bulk", LanguageNames.CSharp,
            compilationOptions: options, parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12), metadataReferences: references));
        solution = solution.AddDocument(DocumentId.CreateNewId(projectId), "Services.cs", SourceText.From(Services), filePath: "/bulk/Services.cs");
        return solution.AddDocument(DocumentId.CreateNewId(projectId), "Jobs.cs", SourceText.From(Jobs), filePath: "/bulk/Jobs.cs");
    }

    /// <summary>What the exported analyzers report, in document and position order (the order a client lists them in).</summary>
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Solution solution)
    {
        var project = solution.Projects.Single();
        var compilation = (await project.GetCompilationAsync())!;
        var result = await AnalyzerRunner.RunAsync(compilation, AnalyzerRunner.AllAnalyzers, CancellationToken.None, project.AnalyzerOptions);
        Assert.Empty(result.Exceptions);
        return result.Diagnostics
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }

    private sealed class Provider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public Provider(IEnumerable<Diagnostic> diagnostics) => _diagnostics = diagnostics.ToImmutableArray();

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(Array.Empty<Diagnostic>());
    }
}
