using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Broken;

public static class Legacy
{
    private const string RotatedKeyId = "AKIARTX3GSDS7FJONNBY"; // expect CXA2003

    public static AssumeRoleRequest Request(string roleArn) => new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "legacy" }; // expect CXA1001

    public static IAmazonSecurityTokenService Client() => new AmazonSecurityTokenServiceClient("AKIAJ5Q6Z3X4C2V7B2N4", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9Secret0"); // expect CXA2001

    public static AWSCredentials Assume(AWSCredentials source, string roleArn) => new AssumeRoleAWSCredentials(source, roleArn, "legacy"); // expect CXA1001

    public static void Use() => System.Console.WriteLine(RotatedKeyId.Length);
}
