using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.ExternalId.InvalidExternalIdRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.ExternalId;

/// <summary>Code that only partly binds (docs/partly-bound.md): the ExternalId value decides CXA1003.</summary>
public partial class CXA1003_InvalidExternalIdTests
{
    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task PartlyBound_ValueBinds_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync("""
        using Amazon.SecurityToken.Model;
        using Amazon.Runtime;

        class Vendor
        {
            const string Spaced = "acme prod";
            AssumeRoleAWSCredentialsOptions Options() => new AssumeRoleAWSCredentialsOptions { ExternalId = [|Spaced|], DurationSeconds = {|CS0103:Missing|}.Seconds };
            AssumeRoleRequest Request() => new AssumeRoleRequest { RoleArn = {|CS0103:Customer|}.RoleArn, ExternalId = [|Spaced|] };
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task PartlyBound_ValueDoesNotBind_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync("""
        using Amazon.SecurityToken.Model;
        using Amazon.Runtime;

        class Vendor
        {
            AssumeRoleAWSCredentialsOptions Options() => new AssumeRoleAWSCredentialsOptions { ExternalId = "acme " + {|CS0103:Missing|}.Suffix };
            object Unbound() => new {|CS0246:AssumeRoleAWSCredentialsOptionsV9|} { ExternalId = "acme prod" };
        }
        """, sdk);
}
