using System.Linq;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyFix = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.ResourcePolicyServiceWithoutSourceConditionRule,
    CrossAccountAnalyzers.CodeFixes.TrustPolicies.ResourcePolicyServiceWithoutSourceConditionCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.TrustPolicies;

/// <summary>The CXA3004 fix: the resource owner's account as aws:SourceAccount, in every shape, compiled on the real CDK and SDK.</summary>
public partial class CXA3004_ResourcePolicyServiceWithoutSourceConditionTests
{
    private const string FixKey = "CXA3004.SourceAccount";

    [Fact]
    public Task Fix_Permission_GainsSourceAccount() => VerifyFix.CodeFixAsync(Usings + """
        class FnStack : Stack
        {
            public FnStack(Construct scope, string id, IFunction fn, IBucket bucket) : base(scope, id)
            {
                fn.AddPermission("S3", new Permission { Principal = [|new ServicePrincipal("s3.amazonaws.com")|], SourceArn = null });
                new CfnPermission(this, "L1", new CfnPermissionProps
                {
                    Action = "lambda:InvokeFunction",
                    FunctionName = "f",
                    Principal = [|"s3.amazonaws.com"|],
                });
            }
        }
        """, Usings + """
        class FnStack : Stack
        {
            public FnStack(Construct scope, string id, IFunction fn, IBucket bucket) : base(scope, id)
            {
                fn.AddPermission("S3", new Permission { Principal = new ServicePrincipal("s3.amazonaws.com"), SourceArn = null, SourceAccount = Stack.Of(this).Account });
                new CfnPermission(this, "L1", new CfnPermissionProps
                {
                    Action = "lambda:InvokeFunction",
                    FunctionName = "f",
                    Principal = "s3.amazonaws.com",
                    SourceAccount = Stack.Of(this).Account,
                });
            }
        }
        """, AwsSdk.Cdk, FixKey);

    [Fact]
    public Task Fix_PolicyStatement_GainsCondition() => VerifyFix.CodeFixAsync(Usings + """
        class ResourceStack : Stack
        {
            public ResourceStack(Construct scope, string id, ITopic topic, IBucket bucket) : base(scope, id)
            {
                topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
                {
                    Principals = new[] { [|new ServicePrincipal("s3.amazonaws.com")|] },
                    Actions = new[] { "sns:Publish" },
                }));
                var logs = [|new PolicyStatement(new PolicyStatementProps { Actions = new[] { "s3:PutObject" } })|];
                logs.AddPrincipals(new ServicePrincipal("logging.s3.amazonaws.com"), new ServicePrincipal("lambda.amazonaws.com"));
                bucket.AddToResourcePolicy(logs);
            }
        }
        """, Usings + """
        class ResourceStack : Stack
        {
            public ResourceStack(Construct scope, string id, ITopic topic, IBucket bucket) : base(scope, id)
            {
                topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
                {
                    Principals = new[] { new ServicePrincipal("s3.amazonaws.com") },
                    Actions = new[] { "sns:Publish" },
                    Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = Stack.Of(this).Account } },
                }));
                var logs = new PolicyStatement(new PolicyStatementProps { Actions = new[] { "s3:PutObject" } });
                logs.AddCondition("StringEquals", new Dictionary<string, object> { ["aws:SourceAccount"] = Stack.Of(this).Account });
                logs.AddPrincipals(new ServicePrincipal("logging.s3.amazonaws.com"), new ServicePrincipal("lambda.amazonaws.com"));
                bucket.AddToResourcePolicy(logs);
            }
        }
        """, AwsSdk.Cdk, FixKey);

    [Fact]
    public Task Fix_Json_InAStack_UsesTheStacksAccount() => VerifyFix.CodeFixAsync(Usings + """
        class JsonStack : Stack
        {
            public JsonStack(Construct scope, string id) : base(scope, id)
            {
                var policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"[|s3.amazonaws.com|]\"},\"Action\":\"sqs:SendMessage\"}]}";
            }
        }
        """, Usings + """
        class JsonStack : Stack
        {
            public JsonStack(Construct scope, string id) : base(scope, id)
            {
                var policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"sqs:SendMessage\", \"Condition\": { \"StringEquals\": { \"aws:SourceAccount\": \"" + (Stack.Of(this).Account) + "\" } }}]}";
            }
        }
        """, AwsSdk.Cdk, FixKey);

    [Theory]
    [MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Fix_Json_UsesTheAccountInScope_OrThePlaceholder(AwsSdk sdk) => VerifyFix.CodeFixAsync(""""
        using Amazon.S3.Model;

        class Buckets
        {
            PutBucketPolicyRequest Logs(string accountId) => new PutBucketPolicyRequest
            {
                Policy = "{ \"Statement\": [ { \"Effect\": \"Allow\", \"Principal\": { \"Service\": \"[|logging.s3.amazonaws.com|]\" }, \"Action\": \"s3:PutObject\" } ] }",
            };

            PutBucketPolicyRequest Raw() => new PutBucketPolicyRequest
            {
                Policy = """
                    {
                      "Statement": [
                        {
                          "Effect": "Allow",
                          "Principal": { "Service": "[|logging.s3.amazonaws.com|]" },
                          "Action": "s3:PutObject"
                        }
                      ]
                    }
                    """,
            };

            const string Both = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"[|s3.amazonaws.com|]\",\"[|logging.s3.amazonaws.com|]\"]},\"Action\":\"s3:PutObject\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}},{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"[|s3.amazonaws.com|]\"},\"Action\":\"s3:GetObject\",\"Condition\":{\"StringEquals\":{\"s3:x-amz-acl\":\"bucket-owner-full-control\"}}}]}";
        }
        """", """"
        using Amazon.S3.Model;

        class Buckets
        {
            PutBucketPolicyRequest Logs(string accountId) => new PutBucketPolicyRequest
            {
                Policy = "{ \"Statement\": [ { \"Effect\": \"Allow\", \"Principal\": { \"Service\": \"logging.s3.amazonaws.com\" }, \"Action\": \"s3:PutObject\", \"Condition\": { \"StringEquals\": { \"aws:SourceAccount\": \"" + accountId + "\" } } } ] }",
            };

            PutBucketPolicyRequest Raw() => new PutBucketPolicyRequest
            {
                Policy = """
                    {
                      "Statement": [
                        {
                          "Effect": "Allow",
                          "Principal": { "Service": "logging.s3.amazonaws.com" },
                          "Action": "s3:PutObject",
                          "Condition": { "StringEquals": { "aws:SourceAccount": "REPLACE_WITH_YOUR_ACCOUNT_ID" } }
                        }
                      ]
                    }
                    """,
            };

            const string Both = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"s3.amazonaws.com\",\"logging.s3.amazonaws.com\"]},\"Action\":\"s3:PutObject\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}, \"StringEquals\": { \"aws:SourceAccount\": \"REPLACE_WITH_YOUR_ACCOUNT_ID\" }}},{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"s3:GetObject\",\"Condition\":{\"StringEquals\":{\"s3:x-amz-acl\":\"bucket-owner-full-control\", \"aws:SourceAccount\": \"REPLACE_WITH_YOUR_ACCOUNT_ID\"}}}]}";
        }
        """", sdk, FixKey);

    [Fact]
    public Task Fix_TakesTheStackOfAConstructParameter() => VerifyFix.CodeFixAsync(Usings + """
        static class Helpers
        {
            public static void Allow(IFunction fn) => fn.AddPermission("S3", new Permission { Principal = [|new ServicePrincipal("s3.amazonaws.com")|] });
        }
        """, Usings + """
        static class Helpers
        {
            public static void Allow(IFunction fn) => fn.AddPermission("S3", new Permission { Principal = new ServicePrincipal("s3.amazonaws.com"), SourceAccount = Stack.Of(fn).Account });
        }
        """, AwsSdk.Cdk, FixKey);

    [Fact]
    public async Task Fix_IsNotOffered_WhereTheDocsNameNoSourceAccount()
    {
        // events.amazonaws.com: its page documents aws:SourceArn only, so the diagnostic carries no fix (the message says
        // which ARN to require); s3.amazonaws.com: both keys are documented, so it does.
        var result = await AnalyzerRunner.RunAsync(AwsSdk.Cdk, Usings + """
            class FnStack : Stack
            {
                public FnStack(Construct scope, string id, IFunction fn) : base(scope, id)
                {
                    fn.AddPermission("Events", new Permission { Principal = new ServicePrincipal("events.amazonaws.com") });
                    fn.AddPermission("S3", new Permission { Principal = new ServicePrincipal("s3.amazonaws.com") });
                }
            }
            """);
        var found = result.Diagnostics.Where(d => d.Id == "CXA3004").OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Equal(2, found.Length);
        Assert.False(found[0].Properties.ContainsKey("ResourceFix"));
        Assert.Equal("SourceAccountProperty", found[1].Properties["ResourceFix"]);
    }
}
