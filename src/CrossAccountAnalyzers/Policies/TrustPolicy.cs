using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.Values;
using CrossAccountAnalyzers.ExternalId;
using CrossAccountAnalyzers.Credentials;
using CrossAccountAnalyzers.TrustPolicies;
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.Policies;

/// <summary>What a trust policy principal is.</summary>
internal enum TrustPrincipalKind
{
    /// <summary>Another account (an account ID, an account root ARN); <see cref="TrustPrincipal.Account"/> may be null when not constant.</summary>
    Account,

    /// <summary>The deploying stack's own account (<c>AccountRootPrincipal</c>, <c>this.Account</c>, <c>Aws.ACCOUNT_ID</c>).</summary>
    OwnAccount,

    /// <summary>A specific role or user ARN: the safer pattern.</summary>
    Specific,

    /// <summary>Everyone: <c>*</c>, <c>AnyPrincipal</c>, <c>StarPrincipal</c>.</summary>
    Any,

    /// <summary>An AWS service (<c>lambda.amazonaws.com</c>).</summary>
    Service,

    /// <summary>A federated identity provider.</summary>
    Federated,

    /// <summary>Every account of an organization (carries aws:PrincipalOrgID).</summary>
    Organization,

    /// <summary>Not known at compile time.</summary>
    Unknown,
}

/// <summary>One condition: operator (<c>StringEquals</c>), key (<c>sts:ExternalId</c>) and, when known, the values.</summary>
internal readonly struct TrustCondition
{
    public TrustCondition(string @operator, string key, ImmutableArray<string?> values, SyntaxNode? syntax = null, Microsoft.CodeAnalysis.Text.TextSpan? span = null)
    {
        Operator = @operator;
        Key = key;
        Values = values;
        Syntax = syntax;
        Span = span;
    }

    /// <summary>The exact span of the value inside a JSON policy string, when it could be mapped.</summary>
    public Microsoft.CodeAnalysis.Text.TextSpan? Span { get; }

    public string Operator { get; }

    public string Key { get; }

    /// <summary>The values when known; default when not.</summary>
    public ImmutableArray<string?> Values { get; }

    public SyntaxNode? Syntax { get; }
}

/// <summary>A set of conditions; <see cref="IsUnknown"/> when some part could not be read (then nothing is judged).</summary>
internal sealed class TrustConditions
{
    public static readonly TrustConditions None = new(ImmutableArray<TrustCondition>.Empty, isUnknown: false);

    public static readonly TrustConditions Unknown = new(ImmutableArray<TrustCondition>.Empty, isUnknown: true);

    public TrustConditions(ImmutableArray<TrustCondition> items, bool isUnknown)
    {
        Items = items;
        IsUnknown = isUnknown;
    }

    public ImmutableArray<TrustCondition> Items { get; }

    public bool IsUnknown { get; }

    public TrustConditions Merge(TrustConditions other)
        => other.IsUnknown || IsUnknown ? new TrustConditions(Items.AddRange(other.Items), true)
            : other.Items.IsEmpty ? this
            : new TrustConditions(Items.AddRange(other.Items), false);

    /// <summary>True when a condition tests <paramref name="key"/> (compared case-insensitively, as IAM does) with a non-empty value.</summary>
    public bool Has(string key)
        => Items.Any(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase)
                          && Requires(c.Operator)
                          && (c.Values.IsDefault || c.Values.Any(v => !string.IsNullOrEmpty(v))));

    /// <summary>
    /// Whether a condition with this operator fails a request that lacks the key or carries another value, as IAM
    /// evaluates it: <c>...IfExists</c> and <c>ForAllValues:</c> pass when the key is missing, negated operators
    /// (<c>StringNotEquals</c>) and <c>Null</c> accept any value, so none of them requires the value.
    /// </summary>
    public static bool Requires(string @operator)
    {
        var op = @operator.Trim();
        if (op.StartsWith("ForAllValues:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (op.StartsWith("ForAnyValue:", StringComparison.OrdinalIgnoreCase))
        {
            op = op.Substring("ForAnyValue:".Length);
        }

        return !op.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase)
               && op.IndexOf("Not", StringComparison.OrdinalIgnoreCase) < 0
               && !string.Equals(op, "Null", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>A principal of a trust statement, with the conditions attached to it (CDK's <c>WithConditions</c>).</summary>
internal sealed class TrustPrincipal
{
    public TrustPrincipal(TrustPrincipalKind kind, string? account, SyntaxNode syntax, TrustConditions conditions, Microsoft.CodeAnalysis.Text.TextSpan? span = null, string? name = null)
    {
        Kind = kind;
        Account = account;
        Syntax = syntax;
        Conditions = conditions;
        Span = span;
        Name = name;
    }

    /// <summary>The exact span inside a string literal (JSON policies), when it could be mapped.</summary>
    public Microsoft.CodeAnalysis.Text.TextSpan? Span { get; }

    /// <summary>The principal as written in JSON (<c>"*"</c>, a service name), for messages.</summary>
    public string? Name { get; }

    public Location GetLocation() => Span is { } span ? Location.Create(Syntax.SyntaxTree, span) : Syntax.GetLocation();

    public TrustPrincipalKind Kind { get; }

    public string? Account { get; }

    /// <summary>Where the principal is written: the squiggle.</summary>
    public SyntaxNode Syntax { get; }

    public TrustConditions Conditions { get; }

    public TrustPrincipal WithConditions(TrustConditions conditions) => new(Kind, Account, Syntax, Conditions.Merge(conditions), Span, Name);
}

/// <summary>One trust statement: who may assume the role, and under which conditions.</summary>
internal sealed class TrustStatement
{
    public TrustStatement(ImmutableArray<TrustPrincipal> principals, TrustConditions conditions, bool externalIdsSet, int jsonIndex = -1)
    {
        Principals = principals;
        Conditions = conditions;
        ExternalIdsSet = externalIdsSet;
        JsonIndex = jsonIndex;
    }

    /// <summary>The statement's index in a JSON policy's Statement array (0 for a single statement object); -1 for CDK.</summary>
    public int JsonIndex { get; }

    public ImmutableArray<TrustPrincipal> Principals { get; }

    public TrustConditions Conditions { get; }

    /// <summary>CDK <c>RoleProps.ExternalIds</c> is non-empty (CDK turns it into an sts:ExternalId condition).</summary>
    public bool ExternalIdsSet { get; }
}

/// <summary>The judgements of Family 3 on the trust model (shared by the CDK reader and, later, the JSON reader).</summary>
internal static class TrustJudge
{
    public const string ExternalIdKey = "sts:ExternalId";

    private static readonly string[] NarrowingKeys = { "sts:ExternalId", "aws:PrincipalOrgID", "aws:PrincipalAccount", "aws:SourceAccount", "aws:SourceArn" };
    private static readonly string[] SourceKeys = { "aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID" };

    private static bool Has(TrustStatement statement, TrustPrincipal principal, string key)
        => statement.Conditions.Has(key) || principal.Conditions.Has(key) || (key == ExternalIdKey && statement.ExternalIdsSet);

    private static bool Unknown(TrustStatement statement, TrustPrincipal principal) => statement.Conditions.IsUnknown || principal.Conditions.IsUnknown;

    /// <summary>CXA3001: another account may assume the role with no ExternalId and no aws:PrincipalArn narrowing.</summary>
    public static bool IsCrossAccountWithoutExternalId(TrustStatement statement, TrustPrincipal principal, ImmutableHashSet<string> trustedAccounts)
        => principal.Kind == TrustPrincipalKind.Account
           && (principal.Account is null || !trustedAccounts.Contains(principal.Account))
           && !Unknown(statement, principal)
           && !Has(statement, principal, ExternalIdKey)
           && !Has(statement, principal, "aws:PrincipalArn");

    /// <summary>CXA3002: anyone may assume the role with nothing that narrows it.</summary>
    public static bool IsAnyWithoutNarrowing(TrustStatement statement, TrustPrincipal principal)
        => principal.Kind == TrustPrincipalKind.Any
           && !Unknown(statement, principal)
           && !NarrowingKeys.Any(k => Has(statement, principal, k));

    /// <summary>CXA3003: a service may assume the role on behalf of any source (the cross-service confused deputy).</summary>
    public static bool IsServiceWithoutSource(TrustStatement statement, TrustPrincipal principal)
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

        var parts = trimmed.Split(new[] { ':' }, 6);
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
