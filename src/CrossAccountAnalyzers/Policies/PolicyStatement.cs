using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.Policies;

/// <summary>A statement's <c>Effect</c>.</summary>
internal enum PolicyEffect
{
    Allow,
    Deny,

    /// <summary>Not known at compile time (a variable, a call).</summary>
    Unknown,
}

/// <summary>
/// A statement's actions: the patterns of <c>Action</c> (or of <c>NotAction</c>, <see cref="IsNegated"/>), or unknown.
/// Matching follows IAM: case-insensitive, with <c>*</c> and <c>?</c> wildcards.
/// </summary>
internal sealed class PolicyActions
{
    /// <summary>No action at all (a statement whose actions were never set grants nothing).</summary>
    public static readonly PolicyActions None = new(ImmutableArray<string>.Empty, negated: false);

    /// <summary>Some action could not be read.</summary>
    public static readonly PolicyActions Unknown = new(default, negated: false);

    /// <summary>What a CDK <c>Role</c>'s trust grants: <c>sts:AssumeRole</c>.</summary>
    public static readonly PolicyActions AssumeRole = new(ImmutableArray.Create(AssumeRoleAction), negated: false);

    public const string AssumeRoleAction = "sts:AssumeRole";

    public PolicyActions(ImmutableArray<string> patterns, bool negated)
    {
        Patterns = patterns;
        IsNegated = negated;
    }

    /// <summary>The patterns as written; default when <see cref="IsUnknown"/>.</summary>
    public ImmutableArray<string> Patterns { get; }

    /// <summary>Written as <c>NotAction</c>: every action but the patterns.</summary>
    public bool IsNegated { get; }

    public bool IsUnknown => Patterns.IsDefault;

    /// <summary>True when the statement certainly covers <paramref name="action"/> (false when unknown).</summary>
    public bool Covers(string action)
        => !IsUnknown && (IsNegated ? !Patterns.Any(p => Matches(p, action)) : Patterns.Any(p => Matches(p, action)));

    /// <summary>These actions with <paramref name="other"/>'s added (CDK <c>AddActions</c>); unknown when either is, or when an Action and a NotAction meet.</summary>
    public PolicyActions Add(PolicyActions other)
        => IsUnknown || other.IsUnknown ? Unknown
            : other.Patterns.IsEmpty ? this
            : Patterns.IsEmpty ? other
            : IsNegated != other.IsNegated ? Unknown
            : new PolicyActions(Patterns.AddRange(other.Patterns), IsNegated);

    /// <summary>IAM action matching: case-insensitive, with <c>*</c> and <c>?</c> wildcards.</summary>
    public static bool Matches(string pattern, string action)
    {
        int p = 0, a = 0, star = -1, mark = 0;
        while (a < action.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(action[a])))
            {
                p++;
                a++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = a;
            }
            else if (star >= 0)
            {
                p = star + 1;
                a = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}

/// <summary>
/// One policy statement, whatever C# shape wrote it (a JSON string, a CDK <c>Role</c> or <c>PolicyStatement</c>, an
/// object serialized to JSON): its effect, actions, principals and conditions. Trust policies (CXA3001-CXA3003) and
/// resource policies judge this model, never the syntax. The readers (in TrustPolicies/): <c>JsonTrustPolicyReader</c>
/// (JSON strings), <c>CdkTrustReader</c> (CDK <c>Role</c>), <c>CdkPolicyStatementReader</c> (CDK <c>PolicyStatement</c>
/// and <c>PolicyDocument</c>), <c>ObjectPolicyReader</c> (anonymous objects, dictionaries, Newtonsoft <c>JObject</c>),
/// and one entry point for any value, <c>PolicyStatementReaders.Read(value, types, evaluator, cancellationToken)</c>.
/// </summary>
internal sealed class PolicyStatement
{
    public PolicyStatement(PolicyEffect effect, PolicyActions actions, ImmutableArray<TrustPrincipal> principals, TrustConditions conditions, SyntaxNode? syntax = null, bool externalIdsSet = false, int jsonIndex = -1, bool namesResources = false)
    {
        NamesResources = namesResources;
        Effect = effect;
        Actions = actions;
        Principals = principals;
        Conditions = conditions;
        Syntax = syntax;
        ExternalIdsSet = externalIdsSet;
        JsonIndex = jsonIndex;
    }

    public PolicyEffect Effect { get; }

    public PolicyActions Actions { get; }

    /// <summary>Who the statement applies to; <c>NotPrincipal</c> appears as an <see cref="TrustPrincipalKind.Any"/> principal named "NotPrincipal".</summary>
    public ImmutableArray<TrustPrincipal> Principals { get; }

    public TrustConditions Conditions { get; }

    /// <summary>Where the statement is written (the CDK creation, the object, the JSON string), when known.</summary>
    public SyntaxNode? Syntax { get; }

    /// <summary>The statement's index in a JSON policy's Statement array (0 for a single statement object); -1 for other shapes.</summary>
    public int JsonIndex { get; }

    /// <summary>CDK <c>RoleProps.ExternalIds</c> is non-empty (CDK turns it into an sts:ExternalId condition).</summary>
    public bool ExternalIdsSet { get; }

    /// <summary>An <c>Allow</c> that certainly covers <paramref name="action"/> (unknown effect or actions: false).</summary>
    public bool Allows(string action) => Effect == PolicyEffect.Allow && Actions.Covers(action);

    /// <summary>
    /// The statement has a <c>Resource</c> or <c>NotResource</c> element. IAM rejects one in a role's trust policy, so
    /// such a statement belongs to a resource policy even where its actions (<c>*</c>) cover <c>sts:AssumeRole</c>.
    /// </summary>
    public bool NamesResources { get; }

    /// <summary>
    /// A trust statement: it allows <c>sts:AssumeRole</c> (also through <c>sts:*</c>, <c>*</c> or a NotAction that spares
    /// it) and names no resource.
    /// </summary>
    public bool IsTrustStatement => !NamesResources && Allows(PolicyActions.AssumeRoleAction);

    public PolicyStatement WithPrincipals(ImmutableArray<TrustPrincipal> principals)
        => new(Effect, Actions, principals, Conditions, Syntax, ExternalIdsSet, JsonIndex, NamesResources);
}
