using System;
using System.Collections.Concurrent;

namespace TenantOnboarding;

/// <summary>A tenant as the vendor stores it: the role to assume in the tenant's account and the ExternalId the vendor generated.</summary>
public sealed class Tenant
{
    public string Id { get; set; } = "";

    public string AccountId { get; set; } = "";

    public string RoleArn { get; set; } = "";

    public string ExternalId { get; set; } = "";
}

/// <summary>The vendor's own store (a database in a real service).</summary>
public sealed class TenantStore
{
    private readonly ConcurrentDictionary<string, Tenant> _tenants = new();

    /// <summary>Onboarding: one random ExternalId per tenant, generated here, never chosen by the customer.</summary>
    public Tenant Create(string id) => _tenants.GetOrAdd(id, key => new Tenant { Id = key, ExternalId = Guid.NewGuid().ToString("N") });

    public Tenant Find(string id) => _tenants.TryGetValue(id, out var tenant) ? tenant : throw new InvalidOperationException("Unknown tenant.");
}
