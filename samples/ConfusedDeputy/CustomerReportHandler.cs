using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace ConfusedDeputy;

/// <summary>What a customer registered with the vendor: the role to assume in their account, and the ExternalId the vendor generated for them.</summary>
public sealed record Customer(string Id, string RoleArn, string ExternalId);

/// <summary>The event the vendor's Lambda receives: "build the report for this customer's role".</summary>
public sealed record ReportRequest(string CustomerId, string RoleArn);

/// <summary>
/// VULNERABLE. Runs in the vendor's account and assumes whatever role ARN the request names. Any customer who
/// learns (or guesses) another customer's role ARN can ask the vendor to read that account: the confused deputy.
/// </summary>
public sealed class VulnerableReportHandler
{
    private readonly IAmazonSecurityTokenService _sts;

    public VulnerableReportHandler(IAmazonSecurityTokenService sts) => _sts = sts;

    public async Task<Credentials> HandleAsync(ReportRequest request)
    {
        var assume = new AssumeRoleRequest // CXA1001 expected here
        {
            RoleArn = request.RoleArn,
            RoleSessionName = "report-" + request.CustomerId,
        };
        var response = await _sts.AssumeRoleAsync(assume);
        return response.Credentials;
    }
}

/// <summary>
/// FIXED. The vendor looks the customer up in its own records and sends the ExternalId it generated for that
/// customer; the customer's trust policy requires it (Condition StringEquals sts:ExternalId), so another customer's
/// request cannot reach this account.
/// </summary>
public sealed class SafeReportHandler
{
    private readonly IAmazonSecurityTokenService _sts;
    private readonly CustomerDirectory _customers;

    public SafeReportHandler(IAmazonSecurityTokenService sts, CustomerDirectory customers)
    {
        _sts = sts;
        _customers = customers;
    }

    public async Task<Credentials> HandleAsync(ReportRequest request)
    {
        var customer = _customers.Find(request.CustomerId);
        var response = await _sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = customer.RoleArn,
            RoleSessionName = "report-" + customer.Id,
            ExternalId = customer.ExternalId,
        });
        return response.Credentials;
    }

    /// <summary>The same with refreshing credentials from the SDK: the ExternalId goes into the options.</summary>
    public AWSCredentials CredentialsFor(AWSCredentials vendorCredentials, string customerId)
    {
        var customer = _customers.Find(customerId);
        return new AssumeRoleAWSCredentials(
            vendorCredentials,
            customer.RoleArn,
            "report-" + customer.Id,
            new AssumeRoleAWSCredentialsOptions { ExternalId = customer.ExternalId });
    }
}

/// <summary>The vendor's own record of its customers (a database in real life).</summary>
public sealed class CustomerDirectory
{
    public Customer Find(string customerId)
        => new(customerId, $"arn:aws:iam::210987654321:role/VendorReports-{customerId}", "b0c7e6a2-vendor-generated-" + customerId);
}
