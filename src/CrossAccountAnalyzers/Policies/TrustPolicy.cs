using System;
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

    /// <summary>
    /// True when a condition tests <paramref name="key"/> (compared case-insensitively, as IAM does) with a non-empty
    /// value that not every value satisfies (<see cref="AcceptsAnyValue"/>): such a condition narrows nothing.
    /// </summary>
    public bool Has(string key)
        => Items.Any(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase)
                          && Requires(c.Operator)
                          && (c.Values.IsDefault || c.Values.Any(v => !string.IsNullOrEmpty(v)))
                          && !AcceptsAnyValue(c));

    /// <summary>
    /// A wildcard operator (<c>StringLike</c>, <c>ArnLike</c>, with <c>ForAnyValue:</c>) one of whose values is made of
    /// wildcards only (<c>*</c>, <c>?*</c>): any value the caller sends satisfies it (the values of one key are ORed).
    /// </summary>
    public static bool AcceptsAnyValue(TrustCondition condition)
        => !condition.Values.IsDefault
           && condition.Operator.IndexOf("Like", StringComparison.OrdinalIgnoreCase) >= 0
           && condition.Values.Any(v => v is { Length: > 0 } && v.All(ch => ch is '*' or '?') && v.IndexOf('*') >= 0);

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
