using System.Diagnostics.CodeAnalysis;
using Amazon.SecurityToken;

namespace Buildable.Lib;

/// <summary>AssumeRole into customers' accounts (AssumeRoleRequest comes from the project's Using item).</summary>
public static class CustomerRoles
{
    public static async Task<string> AssumeAsync(IAmazonSecurityTokenService sts, string customerRoleArn)
    {
        var request = new AssumeRoleRequest { RoleArn = customerRoleArn, RoleSessionName = "reports" }; // expect CXA1001
        var response = await sts.AssumeRoleAsync(request);
        return response.Credentials.AccessKeyId;
    }

    public static AssumeRoleRequest Constant(string roleArn)
    {
        return new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "vendor", ExternalId = "acme-prod-2f9c1e" }; // expect CXA1002
    }

    public static AssumeRoleRequest Good(string roleArn, string externalId)
    {
        return new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "vendor", ExternalId = externalId };
    }

    public static AssumeRoleRequest Pragma(string roleArn)
    {
#pragma warning disable CXA1001 // reviewed: the audit role lives in our own account
        return new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "audit" };
#pragma warning restore CXA1001
    }

    [SuppressMessage("Security", "CXA1001", Justification = "Break-glass role, documented.")]
    public static AssumeRoleRequest Suppressed(string roleArn)
    {
        return new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "break-glass" };
    }

    public static void Environment()
    {
        System.Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIARTX3GSDS7FJONNBY"); // NoWarn CXA2004 in Lib.csproj; the literal is still CXA2003
    }
}
