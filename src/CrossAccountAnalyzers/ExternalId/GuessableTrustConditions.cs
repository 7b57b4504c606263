using System;
using System.Collections.Immutable;
using System.Linq;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.TrustPolicies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CrossAccountAnalyzers.ExternalId;

/// <summary>
/// CXA1005 on the trust side: an <c>sts:ExternalId</c> condition of a trust policy (JSON in a C# string, or a CDK
/// principal's conditions) that requires a placeholder, an account ID or an ARN. Read through the trust-policy readers'
/// shared hook, as CXA1003 reads the same conditions; <c>*Like</c> operators and templated values are left alone.
/// </summary>
internal static class GuessableTrustConditions
{
    public static void Register(RuleContext context, AwsTypes types)
        => TrustPolicyReaders.Register(context, types, trust =>
        {
            foreach (var condition in trust.Statement.Conditions.Items.AddRange(trust.Statement.Principals.SelectMany(p => p.Conditions.Items)))
            {
                if (!string.Equals(condition.Key, TrustJudge.ExternalIdKey, StringComparison.OrdinalIgnoreCase) || condition.Values.IsDefault
                    || condition.Operator.IndexOf("Like", StringComparison.OrdinalIgnoreCase) >= 0
                    || condition.Values.Any(JsonTrustPolicyReader.IsTemplated)
                    || IsAddAccountCondition(condition.Syntax))
                {
                    continue;
                }

                var reason = condition.Values
                    .Where(v => !string.IsNullOrEmpty(v))
                    .Select(v => GuessableExternalIds.JudgeConstant(v!, ImmutableArray<string?>.Empty))
                    .FirstOrDefault(r => r is not null);
                if (reason is null)
                {
                    continue;
                }

                var location = trust.Policy is { } policy
                    ? (condition.Span is { } span ? Location.Create(trust.Tree, span) : policy.Expression.GetLocation())
                    : condition.Syntax?.GetLocation();
                if (location is not null)
                {
                    trust.Report(Diagnostic.Create(Descriptors.CXA1005_GuessableExternalId, location, "the sts:ExternalId condition", reason));
                }
            }
        });

    /// <summary>The value of <c>statement.AddAccountCondition(x)</c>: the rule reports the call itself, once.</summary>
    private static bool IsAddAccountCondition(SyntaxNode? value)
        => value?.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }
           && invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AddAccountCondition" };
}
