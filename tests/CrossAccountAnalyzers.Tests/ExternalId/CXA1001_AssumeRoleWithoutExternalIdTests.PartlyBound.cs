using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.ExternalId.AssumeRoleWithoutExternalIdRule,
    CrossAccountAnalyzers.CodeFixes.ExternalId.AssumeRoleWithoutExternalIdCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.ExternalId;

/// <summary>
/// Code that only partly binds (a reference that did not load, code being typed): a sink whose type and constructor
/// bind is judged even when an argument that does not decide the rule fails to bind; where the deciding part does not
/// bind (the ExternalId value, the created type), nothing is said.
/// </summary>
public partial class CXA1001_AssumeRoleWithoutExternalIdTests
{
    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task PartlyBound_DecidingPartBinds_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            // The source credentials do not bind, so overload resolution fails; no constructor with three arguments takes options.
            AWSCredentials Credentials(string roleArn) => {|#2:new AssumeRoleAWSCredentials({|CS0103:Missing|}.Credentials, roleArn, "s")|};

            // A property that does not decide the rule does not bind.
            AssumeRoleRequest Request(string roleArn) => {|#0:new AssumeRoleRequest|} { RoleArn = roleArn, RoleSessionName = {|CS0103:Missing|}.Name, DurationSeconds = 900 };

            // The role ARN does not bind: still a request without an ExternalId.
            AssumeRoleRequest Arn() => {|#1:new AssumeRoleRequest|} { RoleArn = {|CS0103:Customer|}.RoleArn, RoleSessionName = "s" };
        }
        """, sdk,
        VerifyCS.Diagnostic(0).WithArguments("AssumeRoleRequest"),
        VerifyCS.Diagnostic(1).WithArguments("AssumeRoleRequest"),
        VerifyCS.Diagnostic(2).WithArguments("AssumeRoleAWSCredentials"));

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task PartlyBound_DecidingPartDoesNotBind_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            // The ExternalId is assigned from an expression that does not bind: it counts as set.
            AssumeRoleRequest Request(string roleArn) => new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "s", ExternalId = {|CS0103:Missing|}.ExternalId };

            AWSCredentials Options(AWSCredentials source, string roleArn)
                => new AssumeRoleAWSCredentials(source, roleArn, "s", new AssumeRoleAWSCredentialsOptions { ExternalId = {|CS0103:Tenant|}.ExternalId });

            // Four arguments, one unbound: a constructor that takes options fits, so the options (the deciding part) are unknown.
            AWSCredentials WithOptions(AWSCredentials source, string roleArn) => new AssumeRoleAWSCredentials(source, roleArn, "s", {|CS0103:Missing|}.Options);

            // The created type itself does not bind.
            object Unbound(string roleArn) => new {|CS0246:AssumeRoleRequestV9|} { RoleArn = roleArn };
        }
        """, sdk);
}
