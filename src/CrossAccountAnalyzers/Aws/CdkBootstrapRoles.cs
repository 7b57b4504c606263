using System.Text.RegularExpressions;

namespace CrossAccountAnalyzers.Aws;

/// <summary>
/// The roles that <c>cdk bootstrap</c> creates in every environment: <c>cdk-&lt;qualifier&gt;-deploy-role-</c>,
/// <c>-file-publishing-role-</c>, <c>-image-publishing-role-</c>, <c>-lookup-role-</c> and <c>-cfn-exec-role-</c>, each
/// followed by the account and the region (default qualifier <c>hnb659fds</c>). Their trust policies, since the CDK CLI of
/// August 2025, deny an <c>AssumeRole</c> that carries an ExternalId: code that assumes one must not send one (CXA1001 is
/// not reported, and no fix adds one).
/// </summary>
internal static class CdkBootstrapRoles
{
    // arn:<partition>:iam::<account>:role/cdk-<qualifier>-<kind>-<account>-<region>; a role path is allowed before the name.
    private static readonly Regex Shape = new(
        @"^arn:aws[a-z-]*:iam::(?<account>\d{12}):role/(?:[\w+=,.@-]+/)*cdk-[a-z0-9]+-(?:deploy-role|file-publishing-role|image-publishing-role|lookup-role|cfn-exec-role)-\k<account>-[a-z]{2}(?:-[a-z]+)+-\d+$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    /// <summary>True when <paramref name="roleArn"/> is the ARN of one of the CDK bootstrap roles.</summary>
    public static bool IsBootstrapRoleArn(string? roleArn) => roleArn is not null && Shape.IsMatch(roleArn);
}
