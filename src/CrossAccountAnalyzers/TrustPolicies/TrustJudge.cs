using System;
using System.Collections.Immutable;
using System.Linq;
using CrossAccountAnalyzers.Policies;
using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.TrustPolicies;

/// <summary>The decisions of CXA3001-CXA3003 on the trust model, the same for statements read from CDK code and from JSON.</summary>
internal static class TrustJudge
{
    public const string ExternalIdKey = "sts:ExternalId";

    private static readonly char[] Colon = { ':' };

    private static readonly string[] NarrowingKeys = { "sts:ExternalId", "aws:PrincipalOrgID", "aws:PrincipalAccount", "aws:SourceAccount", "aws:SourceArn" };
    private static readonly string[] SourceKeys = { "aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID" };

    private static bool Has(PolicyStatement statement, TrustPrincipal principal, string key)
        => statement.Conditions.Has(key) || principal.Conditions.Has(key) || (key == ExternalIdKey && statement.ExternalIdsSet);

    private static bool Unknown(PolicyStatement statement, TrustPrincipal principal) => statement.Conditions.IsUnknown || principal.Conditions.IsUnknown;

    /// <summary>CXA3001: another account may assume the role with no ExternalId and no aws:PrincipalArn narrowing.</summary>
    public static bool IsCrossAccountWithoutExternalId(PolicyStatement statement, TrustPrincipal principal, ImmutableHashSet<string> trustedAccounts)
        => principal.Kind == TrustPrincipalKind.Account
           && (principal.Account is null || !trustedAccounts.Contains(principal.Account))
           && !Unknown(statement, principal)
           && !Has(statement, principal, ExternalIdKey)
           && !Has(statement, principal, "aws:PrincipalArn");

    /// <summary>CXA3002: anyone may assume the role with nothing that narrows it.</summary>
    public static bool IsAnyWithoutNarrowing(PolicyStatement statement, TrustPrincipal principal)
        => principal.Kind == TrustPrincipalKind.Any
           && !Unknown(statement, principal)
           && !NarrowingKeys.Any(k => Has(statement, principal, k));

    /// <summary>CXA3003: a service may assume the role on behalf of any source (the cross-service confused deputy).</summary>
    public static bool IsServiceWithoutSource(PolicyStatement statement, TrustPrincipal principal)
        => principal.Kind == TrustPrincipalKind.Service
           && !Unknown(statement, principal)
           && !SourceKeys.Any(k => Has(statement, principal, k));

    /// <summary>An account principal from an ARN or ID: <c>123456789012</c>, <c>arn:aws:iam::123456789012:root</c> (any partition); else null.</summary>
    public static TrustPrincipalKind? ClassifyArn(string value, out string? account)
    {
        account = null;
        var trimmed = value.Trim();
        if (trimmed == "*")
        {
            return TrustPrincipalKind.Any;
        }

        if (Aws.AwsArn.IsAccountId(trimmed))
        {
            account = trimmed;
            return TrustPrincipalKind.Account;
        }

        if (!trimmed.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = trimmed.Split(Colon, 6);
        if (parts.Length < 6 || !Aws.AwsArn.IsAccountId(parts[4]))
        {
            return null;
        }

        account = parts[4];
        if (parts[2] == "iam" && parts[5] == "root")
        {
            return TrustPrincipalKind.Account;
        }

        return TrustPrincipalKind.Specific;
    }
}
