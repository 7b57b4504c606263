using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.ResourcePolicyServiceWithoutSourceConditionRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.TrustPolicies;

/// <summary>Resource policies written as JSON in C# strings and given to the AWS SDK.</summary>
public partial class CXA3004_ResourcePolicyServiceWithoutSourceConditionTests
{
    [Theory]
    [MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task BucketPolicy_ForLoggingWithoutSource_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(""""
        using Amazon.S3.Model;

        class Buckets
        {
            PutBucketPolicyRequest Logs() => new PutBucketPolicyRequest
            {
                BucketName = "logs",
                Policy = """
                    {
                      "Version": "2012-10-17",
                      "Statement": [
                        { "Effect": "Allow", "Principal": { "Service": "{|#0:logging.s3.amazonaws.com|}" }, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/*" }
                      ]
                    }
                    """,
            };

            PutBucketPolicyRequest Conditioned() => new PutBucketPolicyRequest
            {
                BucketName = "logs",
                Policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"logging.s3.amazonaws.com\"},\"Action\":\"s3:PutObject\",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}}]}",
            };

            PutBucketPolicyRequest Deny() => new PutBucketPolicyRequest
            {
                Policy = "{\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"logging.s3.amazonaws.com\"},\"Action\":\"s3:PutObject\"}]}",
            };
        }
        """", sdk, VerifyCS.Diagnostic(0).WithArguments("logging.s3.amazonaws.com", "an aws:SourceArn condition with the source bucket's ARN and an aws:SourceAccount condition (a bucket ARN holds no account)"));

    [Fact]
    public Task QueuePolicyAttribute_ForSnsWithoutSource_IsReported() => VerifyCS.AnalyzerAsync(""""
        using System.Collections.Generic;
        using Amazon.SQS;
        using Amazon.SQS.Model;

        class Queues
        {
            const string Policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"[|sns.amazonaws.com|]\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"arn:aws:sqs:us-east-1:111122223333:q\"}]}";

            SetQueueAttributesRequest Set(string url) => new SetQueueAttributesRequest
            {
                QueueUrl = url,
                Attributes = new Dictionary<string, string> { [QueueAttributeName.Policy] = Policy },
            };

            CreateQueueRequest Create() => new CreateQueueRequest
            {
                QueueName = "q",
                Attributes = new Dictionary<string, string>
                {
                    ["Policy"] = @"{ ""Statement"": [ { ""Effect"": ""Allow"", ""Principal"": { ""Service"": [ ""[|events.amazonaws.com|]"", ""sqs.amazonaws.com"" ] }, ""Action"": [ ""sqs:SendMessage"" ] } ] }",
                },
            };

            CreateQueueRequest Conditioned() => new CreateQueueRequest
            {
                Attributes = new Dictionary<string, string>
                {
                    ["Policy"] = """{ "Statement": [ { "Effect": "Allow", "Principal": { "Service": "sns.amazonaws.com" }, "Action": "sqs:SendMessage", "Condition": { "ArnEquals": { "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:t" } } } ] }""",
                },
            };
        }
        """", AwsSdk.V4);

    [Theory]
    [MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task SesAndCloudWatchPolicies_WithoutSource_AreReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(""""
        using Amazon.S3.Model;

        class Mail
        {
            // SES receipt rules writing mail into the bucket.
            PutBucketPolicyRequest Inbox() => new PutBucketPolicyRequest
            {
                BucketName = "inbox",
                Policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"{|#0:ses.amazonaws.com|}\"},\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::inbox/*\"}]}",
            };

            // CloudWatch alarms publishing to a topic.
            const string TopicPolicy = """
                { "Statement": [ { "Effect": "Allow", "Principal": { "Service": "{|#1:cloudwatch.amazonaws.com|}" }, "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:111122223333:alarms" } ] }
                """;

            // Look-alikes: conditioned, and the same services in a trust policy (CXA3003's).
            const string Conditioned = """
                { "Statement": [ { "Effect": "Allow", "Principal": { "Service": "ses.amazonaws.com" }, "Action": "s3:PutObject", "Condition": { "StringEquals": { "aws:SourceAccount": "111122223333" } } } ] }
                """;
            const string Trust = """
                { "Statement": [ { "Effect": "Allow", "Principal": { "Service": "cloudwatch.amazonaws.com" }, "Action": "sts:AssumeRole" } ] }
                """;
        }
        """", sdk,
        VerifyCS.Diagnostic(0).WithArguments("ses.amazonaws.com", "an aws:SourceArn condition with the SES receipt rule's ARN"),
        VerifyCS.Diagnostic(1).WithArguments("cloudwatch.amazonaws.com", "an aws:SourceArn condition with the CloudWatch alarm's ARN"));

    [Theory]
    [MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task KeyPolicy_ForAServiceWithoutSource_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(""""
        using Amazon.KeyManagementService.Model;

        class Keys
        {
            PutKeyPolicyRequest Put(string keyId) => new PutKeyPolicyRequest
            {
                KeyId = keyId,
                PolicyName = "default",
                Policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"[|s3.amazonaws.com|]\"},\"Action\":[\"kms:GenerateDataKey\",\"kms:Decrypt\"],\"Resource\":\"*\"}]}",
            };

            CreateKeyRequest Create() => new CreateKeyRequest
            {
                Policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"[|events.amazonaws.com|]\"},\"Action\":\"kms:Decrypt\",\"Condition\":{\"StringLikeIfExists\":{\"aws:SourceArn\":\"arn:aws:events:*\"}}}]}",
            };

            CreateKeyRequest OwnAccount() => new CreateKeyRequest
            {
                Policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}",
            };
        }
        """", sdk);

    [Theory]
    [MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Json_LookAlikes_AreNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(""""
        class Policies
        {
            // A trust policy: CXA3003's, off by default.
            const string Trust = """{ "Statement": [ { "Effect": "Allow", "Principal": { "Service": "events.amazonaws.com" }, "Action": "sts:AssumeRole" } ] }""";

            // An identity policy: no principal.
            const string Identity = """{ "Statement": [ { "Effect": "Allow", "Action": "sns:Publish", "Resource": "*" } ] }""";

            // Services not in the table.
            const string Trail = """{ "Statement": [ { "Effect": "Allow", "Principal": { "Service": "cloudtrail.amazonaws.com" }, "Action": "s3:PutObject" } ] }""";
            const string Delivery = """{ "Statement": [ { "Effect": "Allow", "Principal": { "Service": "delivery.logs.amazonaws.com" }, "Action": "s3:PutObject" } ] }""";

            // Organization source keys count; Null, negated and IfExists operators do not (see the reported cases).
            const string Org = """{ "Statement": [ { "Effect": "Allow", "Principal": { "Service": "sns.amazonaws.com" }, "Action": "sqs:SendMessage", "Condition": { "StringEquals": { "aws:SourceOrgID": "o-abc123" } } } ] }""";
            const string Paths = """{ "Statement": [ { "Effect": "Allow", "Principal": { "Service": "sns.amazonaws.com" }, "Action": "sqs:SendMessage", "Condition": { "ForAnyValue:StringLike": { "aws:SourceOrgPaths": "o-abc123/*" } } } ] }""";

            // A template that does not parse as JSON.
            const string Template = """{ "Statement": [ { "Effect": "Allow", "Principal": { "Service": "sns.amazonaws.com" }, "Action": "sqs:SendMessage", {Condition} } ] }""";
        }
        """", sdk);

    [Theory]
    [MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Json_NegatedAndNullConditions_AreReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(""""
        class Policies
        {
            const string Negated = """{ "Statement": [ { "Effect": "Allow", "Principal": { "Service": "[|sns.amazonaws.com|]" }, "Action": "sqs:SendMessage", "Condition": { "ArnNotEquals": { "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:other" } } } ] }""";
            const string Null = """{ "Statement": [ { "Effect": "Allow", "Principal": { "Service": "[|apigateway.amazonaws.com|]" }, "Action": "execute-api:Invoke", "Condition": { "Null": { "aws:SourceArn": "false" } } } ] }""";
            const string Empty = """{ "Statement": [ { "Effect": "Allow", "Principal": { "Service": "[|events.amazonaws.com|]" }, "Action": "sns:Publish", "Condition": {} } ] }""";
        }
        """", sdk);

    [Fact]
    public Task WithoutAnyAwsReference_NothingIsReported() => VerifyCS.AnalyzerAsync(""""
        class Policies
        {
            const string Queue = """{ "Statement": [ { "Effect": "Allow", "Principal": { "Service": "sns.amazonaws.com" }, "Action": "sqs:SendMessage" } ] }""";
        }
        """", AwsSdk.None);

    [Theory]
    [MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task ObjectBuiltPolicy_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Text.Json;
        using Amazon.S3.Model;

        class Buckets
        {
            PutBucketPolicyRequest Serialized() => new PutBucketPolicyRequest
            {
                BucketName = "uploads",
                Policy = JsonSerializer.Serialize(new
                {
                    Version = "2012-10-17",
                    Statement = new[] { new { Effect = "Allow", Principal = new { Service = [|"s3.amazonaws.com"|] }, Action = "s3:PutObject", Resource = "arn:aws:s3:::uploads/*" } },
                }),
            };

            object Dictionary() => new Dictionary<string, object>
            {
                ["Statement"] = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["Effect"] = "Allow",
                        ["Principal"] = new Dictionary<string, object> { ["Service"] = "events.amazonaws.com" },
                        ["Action"] = "sns:Publish",
                        ["Condition"] = new Dictionary<string, object> { ["ArnEquals"] = new Dictionary<string, object> { ["aws:SourceArn"] = "arn:aws:events:us-east-1:111122223333:rule/r" } },
                    },
                },
            };
        }
        """, sdk);
}
