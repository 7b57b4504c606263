using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.ResourcePolicyAllowsAnyPrincipalRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.TrustPolicies;

public class CXA3005_ResourcePolicyAllowsAnyPrincipalTests
{
    private const string Usings = CXA3004_ResourcePolicyServiceWithoutSourceConditionTests.Usings;

    [Fact]
    public Task Cdk_AnyPrincipal_IsReported() => VerifyCS.AnalyzerAsync(Usings + """
        class OpenStack : Stack
        {
            public OpenStack(Construct scope, string id, ITopic topic, IBucket bucket, IFunction fn) : base(scope, id)
            {
                topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
                {
                    Principals = new[] { {|#0:new AnyPrincipal()|} },
                    Actions = new[] { "sns:Publish" },
                }));
                bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps { Principals = new IPrincipal[] { [|new StarPrincipal()|] }, Actions = new[] { "s3:GetObject" } }));
                var statement = [|new PolicyStatement(new PolicyStatementProps { Actions = new[] { "s3:ListBucket" } })|];
                statement.AddAnyPrincipal();
                bucket.AddToResourcePolicy(statement);
                fn.AddPermission("Public", new Permission { Principal = [|new AnyPrincipal()|] });
                fn.GrantInvoke([|new StarPrincipal()|]);
                new CfnPermission(this, "P", new CfnPermissionProps { Action = "lambda:InvokeFunction", FunctionName = "f", Principal = [|"*"|] });
            }
        }
        """, AwsSdk.Cdk, VerifyCS.Diagnostic(0).WithArguments("AnyPrincipal"));

    [Fact]
    public Task Cdk_Narrowed_IsNotReported() => VerifyCS.AnalyzerAsync(Usings + """
        class OpenStack : Stack
        {
            public OpenStack(Construct scope, string id, ITopic topic, IBucket bucket, IFunction fn) : base(scope, id)
            {
                topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
                {
                    Principals = new[] { new AnyPrincipal() },
                    Actions = new[] { "sns:Publish" },
                    Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["aws:PrincipalOrgID"] = "o-abc123" } },
                }));
                bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
                {
                    Principals = new[] { new AnyPrincipal().WithConditions(new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceVpce"] = "vpce-1a2b3c4d" } }) },
                    Actions = new[] { "s3:GetObject" },
                }));
                bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps { Effect = Effect.DENY, Principals = new[] { new AnyPrincipal() }, Actions = new[] { "s3:*" } }));
                bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps { Principals = new[] { new AccountRootPrincipal() }, Actions = new[] { "s3:*" } }));
                fn.AddPermission("Org", new Permission { Principal = new AnyPrincipal(), OrganizationId = "o-abc123" });
                var statement = new PolicyStatement();
                statement.AddAnyPrincipal();
                statement.AddActions("s3:GetObject");
                statement.AddCondition("IpAddress", new Dictionary<string, object> { ["aws:SourceIp"] = "203.0.113.0/24" });
                bucket.AddToResourcePolicy(statement);
            }
        }
        """, AwsSdk.Cdk);

    [Theory]
    [MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Json_AnyPrincipal_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(""""
        using Amazon.S3.Model;

        class Buckets
        {
            PutBucketPolicyRequest Public() => new PutBucketPolicyRequest
            {
                BucketName = "site",
                Policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"{|#0:*|}\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::site/*\"}]}",
            };

            const string Aws = """{ "Statement": [ { "Effect": "Allow", "Principal": { "AWS": "[|*|]" }, "Action": [ "sqs:SendMessage" ] } ] }""";
            const string NotPrincipal = """{ "Statement": [ { "Effect": "Allow", "NotPrincipal": [|{ "AWS": "arn:aws:iam::111122223333:root" }|], "Action": "sns:Publish" } ] }""";
            const string Narrowed = """{ "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": { "StringEquals": { "aws:PrincipalAccount": "111122223333" } } } ] }""";
            const string Vpc = """{ "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": { "StringEquals": { "aws:SourceVpc": "vpc-111bbb22" } } } ] }""";
            const string Deny = """{ "Statement": [ { "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": { "Bool": { "aws:SecureTransport": "false" } } } ] }""";
        }
        """", sdk, VerifyCS.Diagnostic(0).WithArguments("\"*\""));

    [Theory]
    [MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task OneStatement_GetsOneRule(AwsSdk sdk) => VerifyCS.AnalyzerAsync(""""
        class Policies
        {
            // sts:AssumeRole: a trust statement, CXA3002's. sns:Publish: a resource statement, CXA3005's.
            const string Trust = """{ "Statement": [ { "Effect": "Allow", "Principal": { "AWS": "{|#0:*|}" }, "Action": "sts:AssumeRole" } ] }""";
            const string Resource = """{ "Statement": [ { "Effect": "Allow", "Principal": { "AWS": "{|#1:*|}" }, "Action": "sns:Publish" } ] }""";
            const string Both = """{ "Statement": [ { "Effect": "Allow", "Principal": "{|#2:*|}", "Action": "sts:AssumeRole" }, { "Effect": "Allow", "Principal": "{|#3:*|}", "Action": "sqs:*" } ] }""";
        }
        """", sdk,
        VerifyCS.Diagnostic(Descriptors.CXA3002_RoleTrustsAnyPrincipal, 0).WithArguments("\"*\""),
        VerifyCS.Diagnostic(1).WithArguments("\"*\""),
        VerifyCS.Diagnostic(Descriptors.CXA3002_RoleTrustsAnyPrincipal, 2).WithArguments("\"*\""),
        VerifyCS.Diagnostic(3).WithArguments("\"*\""));

    [Fact]
    public Task Cdk_OneStatement_GetsOneRule() => VerifyCS.AnalyzerAsync(Usings + """
        class OpenStack : Stack
        {
            public OpenStack(Construct scope, string id, Role role, ITopic topic) : base(scope, id)
            {
                role.AssumeRolePolicy?.AddStatements(new PolicyStatement(new PolicyStatementProps { Principals = new[] { {|#1:new AnyPrincipal()|} }, Actions = new[] { "sts:AssumeRole" } }));
                topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps { Principals = new[] { {|#0:new AnyPrincipal()|} }, Actions = new[] { "sns:Subscribe" } }));
            }
        }
        """, AwsSdk.Cdk, VerifyCS.Diagnostic(0).WithArguments("AnyPrincipal"), VerifyCS.Diagnostic(Descriptors.CXA3002_RoleTrustsAnyPrincipal, 1).WithArguments("AnyPrincipal"));
}
