using System.Collections.Generic;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SNS;
using Constructs;

namespace CdkTrust;

/// <summary>Resource policies that let AWS services or anyone act on a resource: each unsafe one next to its safe form.</summary>
public sealed class ResourceStack : Stack
{
    public ResourceStack(Construct scope, string id)
        : base(scope, id)
    {
        var bucket = new Bucket(this, "Uploads");
        var topic = new Topic(this, "Events");
        var fn = Function.FromFunctionArn(this, "Handler", "arn:aws:lambda:us-east-1:123456789012:function:handler");

        // Any account's bucket may make S3 invoke the function (the cross-service confused deputy).
        fn.AddPermission("FromS3Unsafe", new Permission
        {
            Principal = new ServicePrincipal("s3.amazonaws.com"), // CXA3004 expected here
        });

        // Safe: only our bucket, in our account (a bucket ARN holds no account).
        fn.AddPermission("FromS3", new Permission
        {
            Principal = new ServicePrincipal("s3.amazonaws.com"),
            SourceArn = bucket.BucketArn,
            SourceAccount = Account,
        });

        // Any account's EventBridge rule may publish to the topic.
        topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = new[] { new ServicePrincipal("events.amazonaws.com") }, // CXA3004 expected here
            Actions = new[] { "sns:Publish" },
            Resources = new[] { topic.TopicArn },
        }));

        // Safe: only rules of our account.
        topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = new[] { new ServicePrincipal("events.amazonaws.com") },
            Actions = new[] { "sns:Publish" },
            Resources = new[] { topic.TopicArn },
            Conditions = new Dictionary<string, object> { ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = $"arn:aws:events:{Region}:{Account}:rule/*" } },
        }));

        // Anyone in the world may read the bucket.
        bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = new[] { new AnyPrincipal() }, // CXA3005 expected here
            Actions = new[] { "s3:GetObject" },
            Resources = new[] { bucket.ArnForObjects("*") },
        }));

        // Safe: everyone, but only inside our organization.
        bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = new[] { new AnyPrincipal() },
            Actions = new[] { "s3:GetObject" },
            Resources = new[] { bucket.ArnForObjects("*") },
            Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["aws:PrincipalOrgID"] = "o-a1b2c3d4e5" } },
        }));
    }
}

/// <summary>A bucket policy as JSON, as code that calls S3's PutBucketPolicy keeps it.</summary>
public static class ResourcePolicies
{
    // Server access logs from any account's bucket may be written here.
    public const string LogBucket = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::example-logs/*"}]}"""; // CXA3004 expected here

    // Safe: only our account's buckets.
    public const string LogBucketSafe = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::example-logs/*","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}""";
}
