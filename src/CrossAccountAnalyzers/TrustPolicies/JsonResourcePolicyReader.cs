using System;
using System.Collections.Immutable;
using CrossAccountAnalyzers.Policies;
using Microsoft.CodeAnalysis;

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

    public static ImmutableArray<PolicyStatement> Read(PolicyText policy, SemanticModel? model = null)
    {
        var result = ImmutableArray.CreateBuilder<PolicyStatement>();
        foreach (var statement in JsonTrustPolicyReader.ReadAll(policy, model))
        {
            if (CdkResourcePolicyReader.IsResourceStatement(statement))
            {
                result.Add(statement);
            }
        }

        return result.ToImmutable();
    }
}
