using System;
using System.Collections.Immutable;
using CrossAccountAnalyzers.Policies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CrossAccountAnalyzers.TrustPolicies;

/// <summary>
/// Reads the resource-policy statements of an IAM policy written as JSON in a C# string (a bucket, topic, queue or
/// key policy): the <c>Allow</c> statements with a <c>Principal</c> (or <c>NotPrincipal</c>) whose actions do not
/// include sts:AssumeRole. Statements that do allow sts:AssumeRole are trust statements, read by
/// <see cref="JsonTrustPolicyReader"/> and judged by CXA3001-CXA3003: one statement is read by one of the two.
/// Identity policies (no principal) give nothing.
/// </summary>
internal static class JsonResourcePolicyReader
{
    /// <summary>Cheap test before parsing: the text mentions a Statement and a Principal.</summary>
    public static bool MayBeResourcePolicy(string text)
        => text.IndexOf("\"Statement\"", StringComparison.Ordinal) >= 0
           && text.IndexOf("Principal\"", StringComparison.Ordinal) >= 0;

    public static ImmutableArray<TrustStatement> Read(PolicyText policy, SemanticModel? model = null)
    {
        var syntax = policy.Expression;
        Func<int, int, TextSpan?> mapSpan = (start, end) => JsonTrustPolicyReader.MapValue(policy, start, end);
        if (JsonTrustPolicyReader.Statements(Json.Parse(policy.Text)) is not { } list)
        {
            return ImmutableArray<TrustStatement>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<TrustStatement>();
        for (var index = 0; index < list.Count; index++)
        {
            var statement = list[index];
            if (statement.Kind != JsonNode.NodeKind.Object
                || !string.Equals(statement.Get("Effect")?.Text, "Allow", StringComparison.Ordinal)
                || (statement.Get("Action") is null && statement.Get("NotAction") is null)
                || JsonTrustPolicyReader.AllowsAssumeRole(statement))
            {
                continue;
            }

            var principal = statement.Get("Principal");
            var notPrincipal = statement.Get("NotPrincipal");
            if (principal is null && notPrincipal is null)
            {
                // An identity policy.
                continue;
            }

            var principals = ImmutableArray.CreateBuilder<TrustPrincipal>();
            if (notPrincipal is not null)
            {
                // Allow + NotPrincipal: everyone but a few.
                principals.Add(new TrustPrincipal(TrustPrincipalKind.Any, null, syntax, TrustConditions.None, mapSpan(notPrincipal.Start, notPrincipal.End), "NotPrincipal"));
            }

            if (principal is not null)
            {
                JsonTrustPolicyReader.ReadPrincipal(principal, syntax, mapSpan, principals, policy, model);
            }

            var conditions = JsonTrustPolicyReader.ReadConditions(statement.Get("Condition"), mapSpan);
            result.Add(new TrustStatement(principals.ToImmutable(), conditions, externalIdsSet: false, jsonIndex: index));
        }

        return result.ToImmutable();
    }
}
