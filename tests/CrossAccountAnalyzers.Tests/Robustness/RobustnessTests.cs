using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CrossAccountAnalyzers.Tests.Robustness;

/// <summary>
/// Bad input never crashes an analyzer or a fix, and never hangs them: every analyzer and fixer over the repository's
/// own code, every test input cut and mangled, huge and deeply nested files; concurrency and cancellation.
/// Each test has a generous hang guard (a cancellation token), never a timing assertion.
/// </summary>
public class RobustnessTests
{
    private static CancellationToken HangGuard(int minutes) => new CancellationTokenSource(TimeSpan.FromMinutes(minutes)).Token;

    private static void AssertClean(RobustnessHarness.Outcome outcome)
        => Assert.True(outcome.Failures.IsEmpty, string.Join(Environment.NewLine + Environment.NewLine, outcome.Failures.Take(5)));

    [Fact]
    public async Task EveryCsFileOfTheRepository()
    {
        var files = RobustnessHarness.RepositoryFiles();
        Assert.True(files.Count > 50, "the repository's own files were not found");
        var outcome = await RobustnessHarness.RunAsync(files.Select(f => f.Text).ToList(), AwsSdk.Cdk, maxFixes: 100, HangGuard(5));
        AssertClean(outcome);

        // The samples are in there: their diagnostics must show up, so the run really analyzed something.
        Assert.True(outcome.Diagnostics >= 8, $"only {outcome.Diagnostics} diagnostics over the repository");
    }

    [StressFact]
    [Trait("Category", StressFactAttribute.Category)]
    public async Task EveryTestInput_WholeTruncatedAndWithTokensDeleted()
    {
        var inputs = RobustnessHarness.TestInputs();
        Assert.True(inputs.Count > 60, $"only {inputs.Count} test inputs found");
        var total = 0;
        var fixes = 0;
        foreach (var sdk in new[] { AwsSdk.V3, AwsSdk.Cdk })
        {
            // One compilation per input and SDK: the input itself, 50 cuts, 10 variants with tokens deleted.
            var batches = inputs.Select((input, i) => new[] { input }
                .Concat(RobustnessHarness.Truncations(input, 50))
                .Concat(RobustnessHarness.TokenDeletions(input, 10, seed: i))
                .ToList());
            foreach (var batch in batches)
            {
                var outcome = await RobustnessHarness.RunAsync(batch, sdk, maxFixes: 8, HangGuard(5));
                AssertClean(outcome);
                total += outcome.Diagnostics;
                fixes += outcome.FixesApplied;
            }
        }

        Assert.True(total > 100, $"only {total} diagnostics: the inputs did not reach the analyzers");
        Assert.True(fixes > 20, $"only {fixes} fixes were exercised");
    }

    [StressFact]
    [Trait("Category", StressFactAttribute.Category)]
    public async Task TenMegabyteFile()
    {
        var builder = new StringBuilder("using Amazon.S3;\nusing Amazon.SecurityToken.Model;\nnamespace Big;\n");
        var i = 0;
        while (builder.Length < 10 * 1024 * 1024)
        {
            builder.Append("class C").Append(i).Append(" { string F = \"plain text ").Append(i).Append("\"; ")
                .Append("object M(string arn) { var r = new AssumeRoleRequest { RoleArn = arn }; var s = \"x\" + ").Append(i).Append("; return new AmazonS3Client(\"ak\", \"sk\"); } }\n");
            i++;
        }

        var outcome = await RobustnessHarness.RunAsync(new[] { builder.ToString() }, AwsSdk.V4, maxFixes: 3, HangGuard(8));
        AssertClean(outcome);
        Assert.Equal(2 * i, outcome.Diagnostics);
    }

    [StressFact]
    [Trait("Category", StressFactAttribute.Category)]
    public async Task DeepNesting_ParenthesesLambdasAndPolicyArrays()
    {
        // Deep enough to show that our analyzers add no recursion of their own (they walk iteratively or with depth
        // limits); deeper lambdas mostly exercise Roslyn's own IOperation factory, which recurses once per level.
        const int depth = 1500;
        var parentheses = "class P { object M() => " + new string('(', depth) + "\"AKIARTX3GSDS7FJONNBY\"" + new string(')', depth) + "; }";
        var lambdas = new StringBuilder("using System; class L { Func<int, object> F = ");
        for (var i = 0; i < depth; i++)
        {
            lambdas.Append("a").Append(i).Append(" => ");
        }

        lambdas.Append("new Amazon.SecurityToken.Model.AssumeRoleRequest(); }");
        var policy = "class J { const string Policy = \"" + new string('[', 10_000) + new string(']', 10_000) + "\"; "
            + "const string Doc = @\"{\"\"Statement\"\": " + new string('[', 10_000) + new string(']', 10_000) + "}\"; }";

        // A thread with a large stack and sequential analysis, so that the compiler itself gets through (its nullable
        // walker recurses once per nested lambda, so nullable analysis is off here); our analyzers work iteratively or
        // with depth limits and must not add to the stack.
        Exception? error = null;
        RobustnessHarness.Outcome? outcome = null;
        var thread = new Thread(() =>
        {
            try
            {
                outcome = RobustnessHarness.RunAsync(new[] { parentheses, lambdas.ToString(), policy }, AwsSdk.V4, maxFixes: 5, HangGuard(5), nullable: false, concurrent: false).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                error = e;
            }
        }, 256 * 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(error);
        AssertClean(outcome!);

        // The key inside the parentheses (CXA2003) and the request at the bottom of the lambdas (CXA1001): the rules
        // really reached the innermost code.
        Assert.True(outcome!.Diagnostics >= 2, $"only {outcome.Diagnostics} diagnostics");
    }

    [Fact]
    public void LambdaNesting_TestHostHasTheStackForIt()
    {
        // Roslyn recurses once per nested lambda; with the default 1.5 MB the driver's thread-pool threads run out of
        // stack at about 1,500 levels, inside Roslyn, which would crash the test host instead of failing a test.
        Assert.Equal("67108864", AppContext.GetData("System.Threading.DefaultStackSize") as string);
    }

    [Fact]
    public async Task Concurrency_SameCompilationTwentyTimes_IdenticalDiagnostics()
    {
        var sources = RobustnessHarness.TestInputs().Take(40).ToArray();
        var compilation = await AnalyzerRunner.CompileAsync(AwsSdk.Cdk, sources);
        var runs = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => AnalyzerRunner.RunAsync(compilation, AnalyzerRunner.AllAnalyzers, HangGuard(5)))));
        var expected = Describe(runs[0].Diagnostics);
        Assert.NotEmpty(expected);
        foreach (var run in runs)
        {
            Assert.Empty(run.Exceptions);
            var actual = Describe(run.Diagnostics);
            Assert.True(expected.SequenceEqual(actual), "differs: " + string.Join(" | ", expected.Except(actual)) + " <> " + string.Join(" | ", actual.Except(expected)));
        }
    }

    [Fact]
    public async Task Cancellation_StopsPromptlyWithOnlyOperationCanceledException()
    {
        var sources = Enumerable.Range(0, 300).Select(i => $$"""
            using Amazon.SecurityToken.Model;
            class C{{i}} { object M(string arn) { var r = new AssumeRoleRequest { RoleArn = arn }; return r; } string K = "AKIARTX3GSDS7FJONNB{{(char)('A' + i % 26)}}"; }
            """).ToArray();
        var compilation = await AnalyzerRunner.CompileAsync(AwsSdk.V4, sources);
        foreach (var delay in new[] { 0, 5, 20, 50 })
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(delay));
            var started = DateTime.UtcNow;
            try
            {
                await AnalyzerRunner.RunAsync(compilation, AnalyzerRunner.AllAnalyzers, cts.Token);
            }
            catch (OperationCanceledException)
            {
                // Expected: the only exception allowed.
            }

            // "Promptly": well within the hang guard; the whole analysis of this compilation takes a few seconds.
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(60));
        }
    }

    private static ImmutableArray<string> Describe(ImmutableArray<Diagnostic> diagnostics)
        => diagnostics.Select(d => d.Id + "@" + d.Location.SourceTree?.FilePath + d.Location.SourceSpan + ":" + d.GetMessage())
            .OrderBy(s => s, StringComparer.Ordinal).ToImmutableArray();
}
