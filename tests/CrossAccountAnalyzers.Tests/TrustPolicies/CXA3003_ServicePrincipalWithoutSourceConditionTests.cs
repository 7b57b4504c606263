using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.ServicePrincipalWithoutSourceConditionRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.TrustPolicies;

public partial class CXA3003_ServicePrincipalWithoutSourceConditionTests
{
    private const string Source = CXA3001_RoleTrustsAccountWithoutExternalIdTests.Usings + """
        class ServiceStack : Stack
        {
            public ServiceStack(Construct scope, string id) : base(scope, id)
            {
                new Role(this, "Plain", new RoleProps { AssumedBy = {|#0:new ServicePrincipal("sns.amazonaws.com")|} });
                new Role(this, "Sourced", new RoleProps
                {
                    AssumedBy = new ServicePrincipal("sns.amazonaws.com").WithConditions(new Dictionary<string, object>
                    {
                        { "ArnLike", new Dictionary<string, object> { { "aws:SourceArn", "arn:aws:sns:eu-west-1:111122223333:alerts" } } },
                    }),
                });
                new Role(this, "Account", new RoleProps
                {
                    AssumedBy = new PrincipalWithConditions(new ServicePrincipal("lambda.amazonaws.com"), new Dictionary<string, object>
                    {
                        ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = this.Account },
                    }),
                });
            }
        }
        """;

    [Fact]
    public async Task OffByDefault_NothingReportedInARealBuild()
    {
        Assert.False(Descriptors.CXA3003_ServicePrincipalWithoutSourceCondition.IsEnabledByDefault);
        var result = await AnalyzerRunner.RunAsync(AwsSdk.Cdk, Source.Replace("{|#0:", string.Empty).Replace("\")|} });", "\") });"));
        Assert.Empty(result.Exceptions);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == DiagnosticIds.ServicePrincipalWithoutSourceCondition);
    }

    [Fact]
    public Task Enabled_ServiceWithoutSource_IsReported() => VerifyCS.AnalyzerAsync(
        Source,
        AwsSdk.Cdk,
        "dotnet_diagnostic.CXA3003.severity = suggestion",
        VerifyCS.Diagnostic(Descriptors.CXA3003_ServicePrincipalWithoutSourceCondition, 0).WithArguments("sns.amazonaws.com"));
}
