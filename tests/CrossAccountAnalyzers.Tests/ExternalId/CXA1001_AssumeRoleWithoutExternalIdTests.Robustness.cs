using System.Linq;
using System.Threading.Tasks;
using CrossAccountAnalyzers.ExternalId;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;

namespace CrossAccountAnalyzers.Tests.ExternalId;

public partial class CXA1001_AssumeRoleWithoutExternalIdTests
{
    public static TheoryData<string> CodeBeingTyped => new()
    {
        // Unclosed initializer.
        """
        using Amazon.SecurityToken.Model;
        class C { void M(string arn) { var r = new AssumeRoleRequest { RoleArn = arn
        """,
        // Missing semicolons and a dangling member access.
        """
        using Amazon.SecurityToken.Model;
        class C { void M(string arn) { var r = new AssumeRoleRequest() r.RoleArn = arn r. } }
        """,
        // Unresolved (misspelt) type and unresolved sink.
        """
        using Amazon.SecurityToken.Model;
        class C { void M(string arn) { var r = new AssumeRoleReqest { RoleArn = arn }; var o = new AWSOptionz { SessionRoleArn = arn }; } }
        """,
        // Wrong constructor arguments.
        """
        using Amazon.Runtime;
        class C { object M(string arn) => new AssumeRoleAWSCredentials(arn); }
        """,
        // Half-typed `new`.
        """
        using Amazon.Runtime;
        class C { object M(AWSCredentials s, string arn) { var x = new AssumeRoleAWSCredentials(s, arn, "s", new AssumeRoleAWSCredentialsOptions { ExternalId = 
        """,
        // Target-typed new with nothing to bind to.
        """
        class C { void M() { var r = new() { RoleArn = "x" }; } }
        """,
        // Self-referencing locals and fields (the hard-coded evaluator must not loop).
        """
        using Amazon.SecurityToken.Model;
        class C
        {
            static string A = B + "x"; static string B = A + "y";
            void M() { string arn = "a"; arn = arn + arn; var r = new AssumeRoleRequest { RoleArn = A }; var s = new AssumeRoleRequest { RoleArn = arn }; }
        }
        """,
    };

    [Theory, MemberData(nameof(CodeBeingTyped))]
    public async Task CodeBeingTyped_NoExceptionAndNoDiagnosticOnUnboundCode(string source)
    {
        foreach (var sdk in new[] { AwsSdk.V3, AwsSdk.V4 })
        {
            var result = await AnalyzerRunner.RunAsync(sdk, source);
            Assert.Empty(result.Exceptions);
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "AD0001");

            // Only the complete, bindable creations of the last source may be reported.
            var reported = result.Diagnostics.Where(d => d.Id == DiagnosticIds.AssumeRoleWithoutExternalId).ToArray();
            if (!source.Contains("static string A"))
            {
                Assert.Empty(reported);
            }
            else
            {
                Assert.Equal(2, reported.Length);
            }
        }
    }

    [Fact]
    public async Task NoAwsReference_RegistersNoAction()
    {
        var source = "class C { object M() => new object(); }";
        var withoutAws = await AnalyzerRunner.RunAsync(
            await AnalyzerRunner.CompileAsync(AwsSdk.None, source),
            [new ExternalIdAnalyzer()],
            default);
        var telemetry = withoutAws.Telemetry.Values.Single();
        Assert.Equal(1, telemetry.CompilationStartActionsCount);
        Assert.Equal(0, telemetry.OperationActionsCount);
        Assert.Equal(0, telemetry.OperationBlockActionsCount);
        Assert.Equal(0, telemetry.SyntaxNodeActionsCount);

        var withAws = await AnalyzerRunner.RunAsync(
            await AnalyzerRunner.CompileAsync(AwsSdk.V4, source),
            [new ExternalIdAnalyzer()],
            default);
        // Object creations, and invalid operations (code with errors only).
        Assert.Equal(2, withAws.Telemetry.Values.Single().OperationActionsCount);
    }

    [Fact]
    public async Task Message_NamesTheSinkAndCarriesHelpLinkAndCwe()
    {
        var result = await AnalyzerRunner.RunAsync(AwsSdk.V4, """
            using Amazon.SecurityToken.Model;
            class C { void M(string arn) { var r = new AssumeRoleRequest { RoleArn = arn }; } }
            """);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("AssumeRoleRequest assumes a role without an ExternalId, which lets a confused deputy reach another customer's account", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.EndsWith("/docs/rules/CXA1001.md", diagnostic.Descriptor.HelpLinkUri);
        Assert.Contains("CWE-441", diagnostic.Descriptor.CustomTags);
        Assert.Equal("Security", diagnostic.Descriptor.Category);
    }
}
