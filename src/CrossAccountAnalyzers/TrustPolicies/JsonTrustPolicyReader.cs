using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CrossAccountAnalyzers.Policies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CrossAccountAnalyzers.TrustPolicies;

/// <summary>
/// Reads an IAM trust policy written as JSON in a C# string into the trust model: statements that allow
/// sts:AssumeRole (with wildcards, NotAction), their principals (<c>"*"</c>, AWS, Service, Federated, NotPrincipal) and
/// conditions. A string that is not JSON, or not a trust policy, gives nothing.
/// </summary>
internal static class JsonTrustPolicyReader
{
    /// <summary>Cheap test before parsing: the text mentions a Statement and an sts: or * action.</summary>
    public static bool MayBeTrustPolicy(string text)
        => text.IndexOf("\"Statement\"", StringComparison.Ordinal) >= 0
           && (text.IndexOf("sts:", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf('*') >= 0 || text.IndexOf("NotAction", StringComparison.Ordinal) >= 0);

    /// <summary>
    /// The statements of <paramref name="policy"/> that allow assuming a role, each principal and condition value with
    /// its exact span inside the string when the policy is one literal or interpolated string.
    /// </summary>
    public static ImmutableArray<PolicyStatement> Read(PolicyText policy, SemanticModel? model = null)
        => Read(policy, model, trustOnly: true);

    /// <summary>
    /// Every statement of <paramref name="policy"/>, whatever its effect and actions (for resource and identity
    /// policies); <c>NotPrincipal</c> is an <see cref="TrustPrincipalKind.Any"/> principal named "NotPrincipal".
    /// </summary>
    public static ImmutableArray<PolicyStatement> ReadAll(PolicyText policy, SemanticModel? model = null)
        => Read(policy, model, trustOnly: false);

    private static ImmutableArray<PolicyStatement> Read(PolicyText policy, SemanticModel? model, bool trustOnly)
    {
        var syntax = policy.Expression;
        Func<int, int, TextSpan?> mapSpan = (start, end) => MapValue(policy, start, end);
        if (Statements(Json.Parse(policy.Text)) is not { } list)
        {
            return ImmutableArray<PolicyStatement>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<PolicyStatement>();
        for (var index = 0; index < list.Count; index++)
        {
            var statement = list[index];
            if (statement.Kind != JsonNode.NodeKind.Object)
            {
                continue;
            }

            var effectText = statement.Get("Effect")?.Text;
            var effect = string.Equals(effectText, "Allow", StringComparison.Ordinal) ? PolicyEffect.Allow
                : string.Equals(effectText, "Deny", StringComparison.Ordinal) ? PolicyEffect.Deny
                : PolicyEffect.Unknown;
            var action = statement.Get("Action");
            var notAction = statement.Get("NotAction");
            var actions = action is not null ? new PolicyActions(action.StringOrArray().Select(a => a.Text!).ToImmutableArray(), negated: false)
                : notAction is not null ? new PolicyActions(notAction.StringOrArray().Select(a => a.Text!).ToImmutableArray(), negated: true)
                : PolicyActions.None;
            var namesResources = statement.Get("Resource") is not null || statement.Get("NotResource") is not null;
            if (trustOnly && (namesResources || !(effect == PolicyEffect.Allow && actions.Covers(PolicyActions.AssumeRoleAction))))
            {
                // Deny statements grant nothing; other actions are not a trust.
                continue;
            }

            var conditions = ReadConditions(statement.Get("Condition"), mapSpan);
            var principals = ImmutableArray.CreateBuilder<TrustPrincipal>();
            var notPrincipal = statement.Get("NotPrincipal");
            if (notPrincipal is not null)
            {
                // Allow + NotPrincipal: everyone but a few.
                principals.Add(new TrustPrincipal(TrustPrincipalKind.Any, null, syntax, TrustConditions.None, mapSpan(notPrincipal.Start, notPrincipal.End), "NotPrincipal"));
            }

            if (trustOnly && action is null && notAction is not null)
            {
                // Allow + NotAction: every action but the listed ones, as broad a grant as a "*" principal.
                principals.Add(new TrustPrincipal(TrustPrincipalKind.Any, null, syntax, TrustConditions.None, mapSpan(notAction.Start, notAction.End), "NotAction"));
            }

            var principal = statement.Get("Principal");
            if (principal is not null)
            {
                ReadPrincipal(principal, syntax, mapSpan, principals, policy, model);
            }

            result.Add(new PolicyStatement(effect, actions, principals.ToImmutable(), conditions, syntax, externalIdsSet: false, jsonIndex: index, namesResources: namesResources));
        }

        return result.ToImmutable();
    }

    private static readonly string HoleText = PolicyText.Hole.ToString();

    private static void ReadPrincipal(JsonNode principal, SyntaxNode syntax, Func<int, int, TextSpan?> mapSpan, ImmutableArray<TrustPrincipal>.Builder result, PolicyText policy, SemanticModel? model)
    {
        if (principal.Kind == JsonNode.NodeKind.String)
        {
            var kind = principal.Text == "*" ? TrustPrincipalKind.Any : TrustPrincipalKind.Unknown;
            result.Add(new TrustPrincipal(kind, null, syntax, TrustConditions.None, mapSpan(principal.Start, principal.End), principal.Text));
            return;
        }

        if (principal.Kind != JsonNode.NodeKind.Object)
        {
            return;
        }

        foreach (var member in principal.Members!)
        {
            foreach (var value in member.Value.StringOrArray())
            {
                var text = value.Text!;
                TrustPrincipalKind kind;
                string? account = null;
                switch (member.Key)
                {
                    case "AWS":
                        kind = TrustJudge.ClassifyArn(text, out account) ?? ClassifyTemplate(text);
                        if (kind == TrustPrincipalKind.Unknown && text.Trim() == HoleText)
                        {
                            // "AWS": "" + x + "": the whole principal is a run-time value, judged by its name.
                            kind = RuntimePrincipals.Classify(policy.HoleIn(value.Start, value.End), model);
                        }

                        break;
                    case "Service":
                        kind = TrustPrincipalKind.Service;
                        break;
                    case "Federated":
                        kind = TrustPrincipalKind.Federated;
                        break;
                    default:
                        kind = TrustPrincipalKind.Unknown;
                        break;
                }

                result.Add(new TrustPrincipal(kind, account, syntax, TrustConditions.None, mapSpan(value.Start, value.End), text));
            }
        }
    }

    /// <summary><c>"Condition": { "StringEquals": { "sts:ExternalId": "..." } }</c>; operators and keys kept as written (keys compare case-insensitively).</summary>
    private static TrustConditions ReadConditions(JsonNode? condition, Func<int, int, TextSpan?> mapSpan)
    {
        if (condition is null)
        {
            return TrustConditions.None;
        }

        if (condition.Kind != JsonNode.NodeKind.Object)
        {
            return TrustConditions.Unknown;
        }

        var items = ImmutableArray.CreateBuilder<TrustCondition>();
        foreach (var op in condition.Members!)
        {
            if (op.Value.Kind != JsonNode.NodeKind.Object)
            {
                return TrustConditions.Unknown;
            }

            foreach (var key in op.Value.Members!)
            {
                var values = key.Value.Kind is JsonNode.NodeKind.String or JsonNode.NodeKind.Array
                    ? key.Value.StringOrArray().Select(v => v.Text).ToImmutableArray()
                    : ImmutableArray.Create<string?>(key.Value.Text ?? key.Value.Kind.ToString().ToLowerInvariant());
                items.Add(new TrustCondition(op.Key, key.Key, values, span: mapSpan(key.Value.Start, key.Value.End)));
            }
        }

        return new TrustConditions(items.ToImmutable(), isUnknown: false);
    }

    /// <summary>
    /// A policy's statements in order: <c>Statement</c> as an array, or a single statement. The index in this list is
    /// <see cref="PolicyStatement.JsonIndex"/>, which the fix uses to find the statement again. Null when there is none.
    /// </summary>
    public static List<JsonNode>? Statements(JsonNode? root)
    {
        if (root is not { Kind: JsonNode.NodeKind.Object } || root.Get("Statement") is not { } statements)
        {
            return null;
        }

        return statements.Kind == JsonNode.NodeKind.Array ? statements.Elements! : new List<JsonNode> { statements };
    }

    /// <summary>
    /// The span of the JSON value at [start, end) of the policy text (a string's content without its quotes), when the
    /// policy is a single literal or interpolated string; a concatenation is reported as a whole.
    /// </summary>
    private static TextSpan? MapValue(PolicyText policy, int start, int end)
    {
        if (policy.IsConcatenation)
        {
            return null;
        }

        var text = policy.Text;
        if (end - start >= 2 && text[start] == '"' && text[end - 1] == '"')
        {
            start++;
            end--;
        }

        return policy.MapSpan(start, end);
    }

    /// <summary>
    /// An account root whose account is filled in at run time or by a template (<c>arn:aws:iam::{accountId}:root</c>,
    /// <c>arn:aws:iam::{0}:root</c>): another account, not known at compile time. Anything else with a hole is unknown.
    /// </summary>
    public static TrustPrincipalKind ClassifyTemplate(string text)
    {
        var parts = text.Trim().Split(':');
        if (parts.Length == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[3].Length == 0 && IsPlaceholder(parts[4]))
        {
            if (parts[5] == "root")
            {
                return TrustPrincipalKind.Account;
            }

            if (parts[5].StartsWith("role/", StringComparison.Ordinal) || parts[5].StartsWith("user/", StringComparison.Ordinal))
            {
                return TrustPrincipalKind.Specific;
            }
        }

        return TrustPrincipalKind.Unknown;
    }

    /// <summary>A value filled in later: a run-time part, or a template placeholder (<c>{ExternalId}</c>, <c>{0}</c>, <c>${ExternalId}</c>).</summary>
    public static bool IsTemplated(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var open = value.IndexOf('{');
        return value.IndexOf(PolicyText.Hole) >= 0 || (open >= 0 && value.IndexOf('}', open) > open);
    }

    /// <summary>A run-time value (<see cref="PolicyText.Hole"/>) or a template placeholder (<c>{AccountId}</c>, <c>{0}</c>).</summary>
    private static bool IsPlaceholder(string text)
    {
        if (text.Length == 1 && text[0] == PolicyText.Hole)
        {
            return true;
        }

        if (text.Length < 3 || text[0] != '{' || text[text.Length - 1] != '}')
        {
            return false;
        }

        for (var i = 1; i < text.Length - 1; i++)
        {
            if (!(char.IsLetterOrDigit(text[i]) || text[i] == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>IAM action matching: case-insensitive, with <c>*</c> and <c>?</c> wildcards.</summary>
    public static bool Matches(string pattern, string action) => PolicyActions.Matches(pattern, action);
}
