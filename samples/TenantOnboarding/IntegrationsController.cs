using System.Security.Claims;
using System.Threading.Tasks;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Microsoft.AspNetCore.Mvc;

namespace TenantOnboarding;

/// <summary>The same onboarding as a controller.</summary>
[ApiController]
[Route("integrations")]
public sealed class IntegrationsController : ControllerBase
{
    private readonly IAmazonSecurityTokenService _sts;
    private readonly TenantStore _tenants;

    public IntegrationsController(IAmazonSecurityTokenService sts, TenantStore tenants)
    {
        _sts = sts;
        _tenants = tenants;
    }

    // Vulnerable: the ExternalId comes from the query string, through a helper.
    [HttpPost("v1/{tenantId}")]
    public async Task<IActionResult> ConnectV1(string tenantId, [FromQuery] string externalId)
        => Ok((await AssumeAsync(_tenants.Find(tenantId).RoleArn, externalId)).AssumedRoleUser.Arn);

    // Corrected: the ExternalId the vendor stored for the authenticated tenant.
    [HttpPost("v2")]
    public async Task<IActionResult> ConnectV2()
    {
        var tenant = _tenants.Find(User.FindFirstValue("tenant_id") ?? "");
        return Ok((await AssumeAsync(tenant.RoleArn, tenant.ExternalId)).AssumedRoleUser.Arn);
    }

    private Task<AssumeRoleResponse> AssumeAsync(string roleArn, string externalId)
        => _sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = roleArn,
            RoleSessionName = "integration",
            ExternalId = externalId, // CXA1004 expected here
        });
}
