using System.Threading.Tasks;
using CrossAccountAnalyzers.ExternalId;
using CrossAccountAnalyzers.Tests.Infrastructure;
using CrossAccountAnalyzers.Tests.TrustPolicies;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.ExternalId.InvalidExternalIdRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.ExternalId;

public partial class CXA1003_InvalidExternalIdTests
{
    [Theory]
    [InlineData("ab", null)]
    [InlineData("Acme_Prod-2024+x=y,z.w@q:r/s", null)]
    [InlineData("x", "it is 1 character long (STS accepts 2 to 1224)")]
    [InlineData("has space", "it contains ' ' (STS accepts letters, digits and _+=,.@:/-)")]
    [InlineData("caf\u00e9", "it contains U+00E9 (STS accepts letters, digits and _+=,.@:/-)")]
    [InlineData("semi;colon", "it contains ';' (STS accepts letters, digits and _+=,.@:/-)")]
    public void RejectionReason(string value, string? reason) => Assert.Equal(reason, ExternalIdSinks.RejectionReason(value));

    [Fact]
    public void RejectionReason_LengthLimits()
    {
        Assert.Null(ExternalIdSinks.RejectionReason(new string('a', 1224)));
        Assert.Equal("it is 1225 characters long (STS accepts 2 to 1224)", ExternalIdSinks.RejectionReason(new string('a', 1225)));
    }

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task InvalidConstants_AreReported_ExceptLiteralsInTheRequest(AwsSdk sdk) => VerifyCS.AnalyzerAsync("""
        using Amazon.Runtime;
        using Amazon.SecurityToken.Model;

        class Vendor
        {
            const string Short = "x";
            static readonly string Spaced = "acme prod";

            void Build(string roleArn)
            {
                var viaConst = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = {|#0:Short|} };
                var viaField = new AssumeRoleRequest { RoleArn = roleArn };
                viaField.ExternalId = [|Spaced|];
                var options = new AssumeRoleAWSCredentialsOptions { ExternalId = [|"semi;colon"|] };

                // The AWS SDK's own analyzer checks these literals: not reported twice.
                var literal = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = "x" };
                var fine = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = "acme-prod" };
                var empty = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = "" };
            }
        }
        """, sdk, VerifyCS.Diagnostic(Descriptors.CXA1003_InvalidExternalId, 0).WithArguments("AssumeRoleRequest.ExternalId", "it is 1 character long (STS accepts 2 to 1224)"));

    [Fact]
    public Task AwsOptionsAndCdk_AreReported() => VerifyCS.AnalyzerAsync(CXA3001_RoleTrustsAccountWithoutExternalIdTests.Usings + """
        using Amazon.Extensions.NETCore.Setup;

        class Stacks : Stack
        {
            public Stacks(Construct scope, string id) : base(scope, id)
            {
                var options = new AWSOptions { SessionRoleArn = "arn:aws:iam::111122223333:role/x", ExternalId = [|"a"|] };
                new Role(this, "R", new RoleProps { AssumedBy = new AccountPrincipal("111122223333"), ExternalIds = new[] { "valid-id", [|"not valid!"|] } });
            }
        }
        """, AwsSdk.Cdk);
}
