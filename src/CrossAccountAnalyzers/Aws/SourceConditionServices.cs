using System;
using System.Collections.Generic;

namespace CrossAccountAnalyzers.Aws;

/// <summary>One AWS service principal that AWS documents as honouring aws:SourceArn / aws:SourceAccount in resource policies.</summary>
internal sealed class SourceConditionService
{
    public SourceConditionService(string principal, string source, bool sourceArnHoldsAccount, bool sourceAccountDocumented, string documentation)
    {
        Principal = principal;
        Source = source;
        SourceArnHoldsAccount = sourceArnHoldsAccount;
        SourceAccountDocumented = sourceAccountDocumented;
        Documentation = documentation;
    }

    /// <summary>The service principal, as written in a policy (<c>s3.amazonaws.com</c>).</summary>
    public string Principal { get; }

    /// <summary>What acts through the service, for messages (<c>bucket</c>, <c>SNS topic</c>).</summary>
    public string Source { get; }

    /// <summary>Whether the source's ARN names its account; an S3 bucket ARN (<c>arn:aws:s3:::name</c>) does not.</summary>
    public bool SourceArnHoldsAccount { get; }

    /// <summary>Whether the page documents aws:SourceAccount for this service (the fix adds only that key, so only here).</summary>
    public bool SourceAccountDocumented { get; }

    /// <summary>The AWS documentation page the entry comes from.</summary>
    public string Documentation { get; }
}

/// <summary>
/// The service principals CXA3004 judges: those that AWS documents as sending aws:SourceArn (and, where marked,
/// aws:SourceAccount) when they act on a resource for its owner, each with the page it comes from. A service not
/// listed here is never reported: adding a source condition for a service that does not send the key breaks it.
/// Left out on purpose: <c>cloudtrail.amazonaws.com</c> (organization trails deliver for member accounts, and the
/// trail ARN to require differs by set-up), <c>delivery.logs.amazonaws.com</c> (vended log delivery writes the
/// conditions itself and expects its own form of them), <c>logs.*.amazonaws.com</c> (regional principals; no AWS
/// page found that documents the keys for subscription filters).
/// General background: https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
/// </summary>
internal static class SourceConditionServices
{
    private static readonly Dictionary<string, SourceConditionService> Table = Build(
        new SourceConditionService(
            "s3.amazonaws.com",
            "bucket",
            sourceArnHoldsAccount: false,
            sourceAccountDocumented: true,
            // Event notifications to SNS topics, SQS queues and Lambda functions; the Lambda page's example pairs
            // aws:SourceArn (the bucket) with aws:SourceAccount.
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html"),
        new SourceConditionService(
            "logging.s3.amazonaws.com",
            "source bucket",
            sourceArnHoldsAccount: false,
            sourceAccountDocumented: true,
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html"),
        new SourceConditionService(
            "sns.amazonaws.com",
            "SNS topic",
            sourceArnHoldsAccount: true,
            sourceAccountDocumented: false,
            "https://docs.aws.amazon.com/sdkfornet/v4/apidocs/items/SNS/MSNSSubscribeQueueStringICoreSQSString.html"),
        new SourceConditionService(
            "events.amazonaws.com",
            "EventBridge rule",
            sourceArnHoldsAccount: true,
            sourceAccountDocumented: false,
            "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html"),
        new SourceConditionService(
            "apigateway.amazonaws.com",
            "API Gateway API",
            sourceArnHoldsAccount: true,
            sourceAccountDocumented: false,
            // AddPermission: "If you specify a service, use SourceArn or SourceAccount to limit who can invoke the function through that service."
            "https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html"),
        new SourceConditionService(
            "ses.amazonaws.com",
            "SES receipt rule",
            sourceArnHoldsAccount: true,
            sourceAccountDocumented: true,
            // Receipt rules writing to S3, invoking Lambda or publishing to SNS; the examples pair aws:SourceAccount with
            // aws:SourceArn (the receipt rule).
            "https://docs.aws.amazon.com/ses/latest/dg/receiving-email-permissions.html"),
        new SourceConditionService(
            "cloudwatch.amazonaws.com",
            "CloudWatch alarm",
            sourceArnHoldsAccount: true,
            sourceAccountDocumented: false,
            // Alarms publishing to an SNS topic: "To restrict the ability to publish messages to the topic for specific
            // alarms, add global condition keys ... aws:SourceArn".
            "https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger"));

    /// <summary>Every entry, for the docs and tests.</summary>
    public static IEnumerable<SourceConditionService> All => Table.Values;

    /// <summary>The entry for a service principal (case-insensitive; the China partition's <c>.amazonaws.com.cn</c> suffix too), else null.</summary>
    public static SourceConditionService? Find(string? principal)
    {
        if (principal is null)
        {
            return null;
        }

        var name = principal.Trim();
        if (name.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase))
        {
            name = name.Substring(0, name.Length - 3);
        }

        return Table.TryGetValue(name, out var service) ? service : null;
    }

    private static Dictionary<string, SourceConditionService> Build(params SourceConditionService[] entries)
    {
        var table = new Dictionary<string, SourceConditionService>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            table.Add(entry.Principal, entry);
        }

        return table;
    }
}
