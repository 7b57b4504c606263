using System.Collections.Generic;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace CdkTrust;

/// <summary>Roles that other accounts and services may assume: each unsafe trust next to its safe form.</summary>
public sealed class TrustStack : Stack
{
    private const string VendorAccount = "210987654321";

    public TrustStack(Construct scope, string id)
        : base(scope, id)
    {
        // The vendor's account may assume this role: without an ExternalId the vendor can be confused into using it
        // for another of its customers.
        new Role(this, "VendorAccessUnsafe", new RoleProps
        {
            AssumedBy = new AccountPrincipal(VendorAccount), // CXA3001 expected here
        });

        // Safe: the ExternalId the vendor generated for us, from the deployment context (never a constant).
        new Role(this, "VendorAccess", new RoleProps
        {
            AssumedBy = new AccountPrincipal(VendorAccount),
            ExternalIds = new[] { (string)Node.TryGetContext("vendorExternalId") },
        });

        // A constant ExternalId is the same for every customer, and this one is not even valid for STS.
        new Role(this, "VendorAccessConstant", new RoleProps
        {
            AssumedBy = new AccountPrincipal(VendorAccount),
            ExternalIds = new[]
            {
                "acme prod", // CXA1002 expected here, CXA1003 expected here
            },
        });

        // Anyone in the world may assume this role.
        new Role(this, "Public", new RoleProps
        {
            AssumedBy = new AnyPrincipal(), // CXA3002 expected here
        });

        // Safe: everyone, but only inside our organization.
        new Role(this, "Organization", new RoleProps
        {
            AssumedBy = new AnyPrincipal().WithConditions(new Dictionary<string, object>
            {
                { "StringEquals", new Dictionary<string, object> { { "aws:PrincipalOrgID", "o-a1b2c3d4e5" } } },
            }),
        });

        // A service acting for any account may use this role (the cross-service confused deputy).
        new Role(this, "Notifications", new RoleProps
        {
            AssumedBy = new ServicePrincipal("sns.amazonaws.com"), // CXA3003 expected here
        });

        // Safe: only for our own account's resources.
        new Role(this, "NotificationsSafe", new RoleProps
        {
            AssumedBy = new ServicePrincipal("sns.amazonaws.com").WithConditions(new Dictionary<string, object>
            {
                { "StringEquals", new Dictionary<string, object> { { "aws:SourceAccount", Account } } },
            }),
        });

        // Our own account and a specific role ARN need no ExternalId.
        new Role(this, "Own", new RoleProps { AssumedBy = new AccountRootPrincipal() });
        new Role(this, "Deployer", new RoleProps { AssumedBy = new ArnPrincipal($"arn:aws:iam::{VendorAccount}:role/Deployer") });
    }
}

public static class Program
{
    public static void Main()
    {
        // Building is enough to see the diagnostics; synthesis would need the CDK toolkit.
        var app = new App();
        _ = new TrustStack(app, "Trust");
    }
}
