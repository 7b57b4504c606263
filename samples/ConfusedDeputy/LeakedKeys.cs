using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace ConfusedDeputy;

/// <summary>
/// VULNERABLE. Long-lived keys pasted into code (these are made up). They leak through source control and logs,
/// and never expire.
/// </summary>
public static class LeakedKeys
{
    private const string AccessKeyId = "AKIARTX3GSDS7FJONNBY"; // CXA2003 expected here
    private static readonly string SecretAccessKey = "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";

    public static IAmazonS3 ReportsBucket()
        => new AmazonS3Client(AccessKeyId, SecretAccessKey, RegionEndpoint.EUWest1); // CXA2001 expected here

    public static AWSCredentials Credentials()
        => new BasicAWSCredentials(AccessKeyId, SecretAccessKey); // CXA2002 expected here
}

/// <summary>
/// FIXED. The default credential chain (an instance or task role, SSO, the environment) in production, and an
/// emulator with dummy keys in local development: neither is reported.
/// </summary>
public static class SafeClients
{
    public static IAmazonS3 ReportsBucket() => new AmazonS3Client(RegionEndpoint.EUWest1);

    public static IAmazonS3 LocalStack() => new AmazonS3Client(
        "test",
        "test",
        new AmazonS3Config { ServiceURL = "http://localhost:4566", ForcePathStyle = true });
}
