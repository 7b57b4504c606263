using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.ExternalId.ConstantExternalIdRule,
    CrossAccountAnalyzers.CodeFixes.ExternalId.ConstantExternalIdCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.ExternalId;

/// <summary>Code that only partly binds (docs/partly-bound.md): the ExternalId value decides CXA1002.</summary>
public partial class CXA1002_ConstantExternalIdTests
{
    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task PartlyBound_ConstantBinds_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            // The role ARN and the session name do not bind; the ExternalId is a constant.
            AssumeRoleRequest Request() => new AssumeRoleRequest { RoleArn = {|CS0103:Customer|}.RoleArn, RoleSessionName = {|CS0103:Missing|}.Name, ExternalId = [|"acme-prod"|] };
            AssumeRoleAWSCredentialsOptions Options() => new AssumeRoleAWSCredentialsOptions { ExternalId = [|"shared-id"|], DurationSeconds = {|CS0103:Missing|}.Seconds };
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task PartlyBound_ValueDoesNotBind_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            AssumeRoleRequest Request(string roleArn) => new AssumeRoleRequest { RoleArn = roleArn, ExternalId = {|CS0103:Tenant|}.ExternalId };
            AssumeRoleRequest Prefixed(string roleArn) => new AssumeRoleRequest { RoleArn = roleArn, ExternalId = "prefix-" + {|CS0103:Tenant|}.Suffix };
            object Unbound() => new {|CS0246:AssumeRoleRequestV9|} { ExternalId = "acme-prod" };
        }
        """, sdk);
}
