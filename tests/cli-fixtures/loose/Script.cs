using Amazon.Runtime;
using Amazon.SecurityToken.Model;

// A file in no project (a script, a snippet kept in the repository).
public static class Script
{
    public static AWSCredentials Keys() => new BasicAWSCredentials("AKIARTX3GSDS7FJONNBY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9Secret0"); // expect CXA2002

    public static AssumeRoleRequest Request(string arn) => new AssumeRoleRequest { RoleArn = arn, RoleSessionName = "script" }; // expect CXA1001

    public const string Trust = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}]}"; // expect CXA3002
}
