using System;
using System.Security.Claims;
using System.Threading.Tasks;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace TenantOnboarding;

/// <summary>What a customer sends to connect their account.</summary>
public sealed class ConnectRequest
{
    public string RoleArn { get; set; } = "";

    public string ExternalId { get; set; } = "";
}

public static class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton<IAmazonSecurityTokenService>(_ => new AmazonSecurityTokenServiceClient());
        builder.Services.AddSingleton<TenantStore>();
        var app = builder.Build();

        // Vulnerable: the caller sends the ExternalId with the role ARN, so any caller can name another customer's
        // role together with the ExternalId of that customer's trust policy.
        app.MapPost("/v1/connect", async ([FromBody] ConnectRequest body, IAmazonSecurityTokenService sts) =>
        {
            var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
            {
                RoleArn = body.RoleArn,
                RoleSessionName = "connect",
                ExternalId = body.ExternalId.Trim(), // CXA1004 expected here
            });
            return Results.Ok(response.AssumedRoleUser.Arn);
        });

        // Vulnerable: the customer's account ID, which is in the role ARN itself, as the ExternalId.
        app.MapPost("/v1/reports", async (ClaimsPrincipal user, TenantStore tenants, IAmazonSecurityTokenService sts) =>
        {
            var tenant = tenants.Find(user.FindFirstValue("tenant_id") ?? "");
            var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
            {
                RoleArn = tenant.RoleArn,
                RoleSessionName = "reports",
                ExternalId = tenant.AccountId, // CXA1005 expected here
            });
            return Results.Ok(response.AssumedRoleUser.Arn);
        });

        // Corrected: the vendor generates the ExternalId once per tenant, stores it, and shows it for the trust policy...
        app.MapPost("/v2/tenants", (ClaimsPrincipal user, TenantStore tenants) =>
        {
            var tenant = tenants.Create(user.FindFirstValue("tenant_id") ?? "");
            return Results.Ok(tenant.ExternalId);
        });

        // ...and looks it up, with the role ARN, by the authenticated tenant: the request only says which role to use.
        app.MapPost("/v2/connect", async ([FromBody] ConnectRequest body, ClaimsPrincipal user, TenantStore tenants, IAmazonSecurityTokenService sts) =>
        {
            var tenant = tenants.Find(user.FindFirstValue("tenant_id") ?? "");
            tenant.RoleArn = body.RoleArn;
            var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
            {
                RoleArn = tenant.RoleArn,
                RoleSessionName = "connect",
                ExternalId = tenant.ExternalId,
            });
            return Results.Ok(response.AssumedRoleUser.Arn);
        });

        app.MapControllers();
        app.Run();
    }
}
