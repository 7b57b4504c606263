using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.ResourcePolicyServiceWithoutSourceConditionRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.TrustPolicies;

public partial class CXA3004_ResourcePolicyServiceWithoutSourceConditionTests
{
    internal const string Usings = """
        using System;
        using System.Collections.Generic;
        using Amazon.CDK;
        using Amazon.CDK.AWS.IAM;
        using Amazon.CDK.AWS.Lambda;
        using Amazon.CDK.AWS.SNS;
        using Amazon.CDK.AWS.SQS;
        using Amazon.CDK.AWS.S3;
        using Amazon.CDK.AWS.KMS;
        using Amazon.CDK.AWS.SecretsManager;
        using Constructs;

        """;

    [Fact]
    public Task LambdaPermission_WithoutSource_IsReported() => VerifyCS.AnalyzerAsync(Usings + """
        class FnStack : Stack
        {
            public FnStack(Construct scope, string id, IFunction fn) : base(scope, id)
            {
                fn.AddPermission("S3", new Permission { Principal = {|#0:new ServicePrincipal("s3.amazonaws.com")|} });
                var permission = new Permission { Principal = [|new ServicePrincipal("sns.amazonaws.com")|], Action = "lambda:InvokeFunction" };
                fn.AddPermission("Sns", permission);
            }
        }
        """, AwsSdk.Cdk, VerifyCS.Diagnostic(0).WithArguments("s3.amazonaws.com", "an aws:SourceArn condition with the bucket's ARN and an aws:SourceAccount condition (a bucket ARN holds no account)"));

    [Fact]
    public Task LambdaPermission_WithSource_IsNotReported() => VerifyCS.AnalyzerAsync(Usings + """
        class FnStack : Stack
        {
            public FnStack(Construct scope, string id, IFunction fn, IBucket bucket, ITopic topic) : base(scope, id)
            {
                fn.AddPermission("S3", new Permission { Principal = new ServicePrincipal("s3.amazonaws.com"), SourceArn = bucket.BucketArn, SourceAccount = Account });
                fn.AddPermission("Sns", new Permission { Principal = new ServicePrincipal("sns.amazonaws.com"), SourceArn = topic.TopicArn });
                fn.AddPermission("Account", new Permission { Principal = new ServicePrincipal("s3.amazonaws.com"), SourceAccount = "111122223333" });
                // Not in the table: adding the keys could break it.
                fn.AddPermission("Logs", new Permission { Principal = new ServicePrincipal("logs.amazonaws.com") });
                fn.AddPermission("Trail", new Permission { Principal = new ServicePrincipal("cloudtrail.amazonaws.com") });
                // Not a service.
                fn.AddPermission("Self", new Permission { Principal = new AccountRootPrincipal() });
            }
        }
        """, AwsSdk.Cdk);

    [Fact]
    public Task GrantInvoke_WithoutConditions_IsReported() => VerifyCS.AnalyzerAsync(Usings + """
        class FnStack : Stack
        {
            public FnStack(Construct scope, string id, IFunction fn, string topicArn) : base(scope, id)
            {
                fn.GrantInvoke([|new ServicePrincipal("events.amazonaws.com")|]);
                fn.GrantInvoke(new ServicePrincipal("events.amazonaws.com").WithConditions(new Dictionary<string, object>
                {
                    ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = topicArn },
                }));
                fn.GrantInvoke(new ServicePrincipal("lambda.amazonaws.com"));
            }
        }
        """, AwsSdk.Cdk);

    [Fact]
    public Task CfnPermission_WithServicePrincipal_IsReported() => VerifyCS.AnalyzerAsync(Usings + """
        class FnStack : Stack
        {
            public FnStack(Construct scope, string id, string bucketArn) : base(scope, id)
            {
                new CfnPermission(this, "A", new CfnPermissionProps { Action = "lambda:InvokeFunction", FunctionName = "f", Principal = [|"apigateway.amazonaws.com"|] });
                new CfnPermission(this, "B", new CfnPermissionProps { Action = "lambda:InvokeFunction", FunctionName = "f", Principal = "s3.amazonaws.com", SourceArn = bucketArn, SourceAccount = Account });
                new CfnPermission(this, "C", new CfnPermissionProps { Action = "lambda:InvokeFunction", FunctionName = "f", Principal = "111122223333" });
            }
        }
        """, AwsSdk.Cdk);

    [Fact]
    public Task AddToResourcePolicy_OnEachResource_IsReported() => VerifyCS.AnalyzerAsync(Usings + """
        class ResourceStack : Stack
        {
            public ResourceStack(Construct scope, string id, ITopic topic, IQueue queue, IBucket bucket, IKey key, ISecret secret) : base(scope, id)
            {
                topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
                {
                    Principals = new IPrincipal[] { [|new ServicePrincipal("s3.amazonaws.com")|] },
                    Actions = new[] { "sns:Publish" },
                    Resources = new[] { topic.TopicArn },
                }));
                queue.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
                {
                    Principals = new[] { [|new ServicePrincipal("sns.amazonaws.com")|] },
                    Actions = new[] { "sqs:SendMessage" },
                }));
                bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
                {
                    Effect = Effect.ALLOW,
                    Principals = new[] { [|new ServicePrincipal("logging.s3.amazonaws.com")|] },
                    Actions = new[] { "s3:PutObject" },
                }));
                // Principals added by a call are reported at the statement (where it is analyzed).
                var forKey = [|new PolicyStatement()|];
                forKey.AddActions("kms:GenerateDataKey*", "kms:Decrypt");
                forKey.AddPrincipals(new ServicePrincipal("events.amazonaws.com"));
                key.AddToResourcePolicy(forKey);
                var forSecret = [|new PolicyStatement(new PolicyStatementProps { Actions = new[] { "secretsmanager:GetSecretValue" } })|];
                forSecret.AddServicePrincipal("apigateway.amazonaws.com");
                secret.AddToResourcePolicy(forSecret);
            }
        }
        """, AwsSdk.Cdk);

    [Fact]
    public Task PolicyStatement_WithSourceCondition_IsNotReported() => VerifyCS.AnalyzerAsync(Usings + """
        class ResourceStack : Stack
        {
            public ResourceStack(Construct scope, string id, ITopic topic, IQueue queue, IBucket bucket, IDictionary<string, object> conditions) : base(scope, id)
            {
                topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
                {
                    Principals = new[] { new ServicePrincipal("s3.amazonaws.com") },
                    Actions = new[] { "sns:Publish" },
                    Conditions = new Dictionary<string, object>
                    {
                        ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = bucket.BucketArn },
                        ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = Account },
                    },
                }));
                var viaCalls = new PolicyStatement();
                viaCalls.AddActions("sqs:SendMessage");
                viaCalls.AddPrincipals(new ServicePrincipal("sns.amazonaws.com"));
                viaCalls.AddSourceArnCondition(topic.TopicArn);
                queue.AddToResourcePolicy(viaCalls);
                var viaAddCondition = new PolicyStatement(new PolicyStatementProps { Principals = new[] { new ServicePrincipal("events.amazonaws.com") }, Actions = new[] { "sqs:SendMessage" } });
                viaAddCondition.AddCondition("ArnEquals", new Dictionary<string, object> { ["aws:SourceArn"] = "arn:aws:events:us-east-1:111122223333:rule/r" });
                queue.AddToResourcePolicy(viaAddCondition);
                // Conditions in a variable: unknown.
                queue.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps { Principals = new[] { new ServicePrincipal("sns.amazonaws.com") }, Actions = new[] { "sqs:SendMessage" }, Conditions = conditions }));
                // Deny statements grant nothing.
                bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps { Effect = Effect.DENY, Principals = new[] { new ServicePrincipal("s3.amazonaws.com") }, Actions = new[] { "s3:*" } }));
                // A trust statement is CXA3003's.
                new PolicyStatement(new PolicyStatementProps { Principals = new[] { new ServicePrincipal("events.amazonaws.com") }, Actions = new[] { "sts:AssumeRole" } });
                // An identity statement has no principal.
                new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sns:Publish" }, Resources = new[] { "*" } });
                // IfExists and negated operators do not require the key.
                queue.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
                {
                    Principals = new[] { [|new ServicePrincipal("sns.amazonaws.com")|] },
                    Actions = new[] { "sqs:SendMessage" },
                    Conditions = new Dictionary<string, object> { ["ArnLikeIfExists"] = new Dictionary<string, object> { ["aws:SourceArn"] = topic.TopicArn } },
                }));
            }
        }
        """, AwsSdk.Cdk);
}
