using System.Threading.Tasks;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.ExternalId.AssumeRoleWithoutExternalIdRule,
    CrossAccountAnalyzers.CodeFixes.ExternalId.AssumeRoleWithoutExternalIdCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.ExternalId;

/// <summary>The CDK bootstrap roles deny AssumeRole with an ExternalId: a constant ARN of their shape needs none.</summary>
public partial class CXA1001_AssumeRoleWithoutExternalIdTests
{
    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/cdk-hnb659fds-deploy-role-111122223333-us-east-1", true)]
    [InlineData("arn:aws:iam::111122223333:role/cdk-hnb659fds-file-publishing-role-111122223333-eu-west-2", true)]
    [InlineData("arn:aws:iam::111122223333:role/cdk-hnb659fds-image-publishing-role-111122223333-ap-southeast-1", true)]
    [InlineData("arn:aws:iam::111122223333:role/cdk-myqual1-lookup-role-111122223333-us-west-2", true)]
    [InlineData("arn:aws:iam::111122223333:role/cdk-hnb659fds-cfn-exec-role-111122223333-us-gov-west-1", true)]
    [InlineData("arn:aws-cn:iam::111122223333:role/cdk-hnb659fds-deploy-role-111122223333-cn-north-1", true)]
    [InlineData("arn:aws:iam::111122223333:role/cdk-hnb659fds-deploy-role-444455556666-us-east-1", false)]
    [InlineData("arn:aws:iam::111122223333:role/cdk-hnb659fds-deployer-role-111122223333-us-east-1", false)]
    [InlineData("arn:aws:iam::111122223333:role/my-cdk-hnb659fds-deploy-role-111122223333-us-east-1", false)]
    [InlineData("arn:aws:iam::111122223333:role/cdk-hnb659fds-deploy-role", false)]
    [InlineData("arn:aws:iam::111122223333:user/cdk-hnb659fds-deploy-role-111122223333-us-east-1", false)]
    public void BootstrapRoleShape(string arn, bool expected) => Assert.Equal(expected, CdkBootstrapRoles.IsBootstrapRoleArn(arn));

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task CdkBootstrapRole_IsNotReported_ALookAlikeIs(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Deployer
        {
            const string DeployRole = "arn:aws:iam::111122223333:role/cdk-hnb659fds-deploy-role-111122223333-us-east-1";

            void Build(AWSCredentials source)
            {
                var a = new AssumeRoleRequest { RoleArn = DeployRole, RoleSessionName = "deploy" };
                var b = new AssumeRoleRequest { RoleArn = "arn:aws:iam::111122223333:role/cdk-custom-lookup-role-111122223333-eu-west-1", RoleSessionName = "lookup" };
                var c = new AssumeRoleAWSCredentials(source, "arn:aws:iam::111122223333:role/cdk-hnb659fds-file-publishing-role-111122223333-us-east-1", "publish");
                var d = {|#0:new AssumeRoleRequest|} { RoleArn = "arn:aws:iam::111122223333:role/cdk-hnb659fds-deploy-role-but-not-really", RoleSessionName = "x" };
                var e = {|#1:new AssumeRoleAWSCredentials(source, "arn:aws:iam::111122223333:role/cdk-hnb659fds-deploy-role-444455556666-us-east-1", "cross")|};
            }
        }
        """, sdk, VerifyCS.Diagnostic(0).WithArguments("AssumeRoleRequest"), VerifyCS.Diagnostic(1).WithArguments("AssumeRoleAWSCredentials"));
}
