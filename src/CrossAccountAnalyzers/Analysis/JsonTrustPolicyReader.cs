using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CrossAccountAnalyzers.Analysis;

/// <summary>
/// Reads an IAM trust policy written as JSON in a C# string into the trust model: statements that allow
/// sts:AssumeRole (with wildcards, NotAction), their principals (<c>"*"</c>, AWS, Service, Federated, NotPrincipal) and
/// conditions. A string that is not JSON, or not a trust policy, gives nothing.
/// </summary>
public static class JsonTrustPolicyReader
{
    /// <summary>Cheap test before parsing: the text mentions a Statement and an sts: or * action.</summary>
    public static bool MayBeTrustPolicy(string text)
        => text.Length < 1_000_000 && text.IndexOf("\"Statement\"", StringComparison.Ordinal) >= 0
           && (text.IndexOf("sts:", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf('*') >= 0 || text.IndexOf("NotAction", StringComparison.Ordinal) >= 0);

    /// <summary>
    /// The statements of <paramref name="json"/> that allow assuming a role. <paramref name="mapSpan"/> maps an offset
    /// range of the JSON text to a source span (null when it cannot be mapped exactly).
    /// </summary>
    public static ImmutableArray<TrustStatement> Read(string json, SyntaxNode syntax, Func<int, int, TextSpan?> mapSpan)
    {
        var root = Json.Parse(json);
        var statements = root?.Get("Statement");
        if (root is null || root.Kind != JsonNode.NodeKind.Object || statements is null)
        {
            return ImmutableArray<TrustStatement>.Empty;
        }

        var list = statements.Kind == JsonNode.NodeKind.Array ? statements.Elements! : new List<JsonNode> { statements };
        var result = ImmutableArray.CreateBuilder<TrustStatement>();
        foreach (var statement in list)
        {
            if (statement.Kind != JsonNode.NodeKind.Object)
            {
                continue;
            }

            var effect = statement.Get("Effect")?.Text;
            if (!string.Equals(effect, "Allow", StringComparison.Ordinal))
            {
                // Deny statements grant nothing.
                continue;
            }

            var action = statement.Get("Action");
            var notAction = statement.Get("NotAction");
            var allowsAssumeRole = action is not null
                ? action.StringOrArray().Any(a => Matches(a.Text!, "sts:AssumeRole"))
                : notAction is not null && !notAction.StringOrArray().Any(a => Matches(a.Text!, "sts:AssumeRole"));
            if (!allowsAssumeRole)
            {
                continue;
            }

            var conditions = ReadConditions(statement.Get("Condition"));
            var principals = ImmutableArray.CreateBuilder<TrustPrincipal>();
            var notPrincipal = statement.Get("NotPrincipal");
            if (notPrincipal is not null)
            {
                // Allow + NotPrincipal: everyone but a few.
                principals.Add(new TrustPrincipal(TrustPrincipalKind.Any, null, syntax, TrustConditions.None, mapSpan(notPrincipal.Start, notPrincipal.End), "NotPrincipal"));
            }

            var principal = statement.Get("Principal");
            if (principal is not null)
            {
                ReadPrincipal(principal, syntax, mapSpan, principals);
            }

            result.Add(new TrustStatement(principals.ToImmutable(), conditions, externalIdsSet: false));
        }

        return result.ToImmutable();
    }

    private static void ReadPrincipal(JsonNode principal, SyntaxNode syntax, Func<int, int, TextSpan?> mapSpan, ImmutableArray<TrustPrincipal>.Builder result)
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
                        kind = TrustJudge.ClassifyArn(text, out account) ?? TrustPrincipalKind.Unknown;
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
    private static TrustConditions ReadConditions(JsonNode? condition)
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
                items.Add(new TrustCondition(op.Key, key.Key, values));
            }
        }

        return new TrustConditions(items.ToImmutable(), isUnknown: false);
    }

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
