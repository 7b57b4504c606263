using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Policies;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.TrustPolicies;

/// <summary>
/// One entry point from any C# value that is (or holds) a policy or a statement to the statements of the policy model,
/// whatever the shape: CDK <c>PolicyStatement</c>s (and arrays, locals, <c>PolicyStatement.FromJson</c>), a CDK
/// <c>PolicyDocument</c> or <c>PolicyDocument.FromJson(...)</c>, a policy built as objects (anonymous objects,
/// dictionaries, <c>JObject</c>), a JSON string constant (or <c>JsonSerializer.Serialize</c> / <c>JsonConvert.SerializeObject</c>
/// of an object-built policy). Every statement is returned, whatever its effect and actions: a trust rule keeps
/// <see cref="PolicyStatement.IsTrustStatement"/>, a resource-policy rule asks <see cref="PolicyStatement.Allows"/>.
/// </summary>
internal static class PolicyStatementReaders
{
    /// <summary>The statements <paramref name="value"/> stands for; empty when it is none of the shapes read.</summary>
    public static ImmutableArray<PolicyStatement> Read(IOperation value, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var op = ObjectCreations.StripConversions(value);
        if (types.CdkPolicyStatement is not null)
        {
            var statements = CdkPolicyStatementReader.ReadValue(op, types, evaluator, cancellationToken);
            if (!statements.IsEmpty)
            {
                return statements.Select(s => s.Statement).ToImmutableArray();
            }

            var document = CdkPolicyStatementReader.ReadDocument(op, types, evaluator, cancellationToken);
            if (!document.IsDefault)
            {
                return document.Select(s => s.Statement).ToImmutableArray();
            }
        }

        // PolicyDocument.FromJson(x), JsonSerializer.Serialize(x), JsonConvert.SerializeObject(x): read x.
        if (op is IInvocationOperation { Arguments.Length: >= 1 } invocation && IsSerializer(invocation.TargetMethod))
        {
            op = ObjectCreations.StripConversions(invocation.Arguments[0].Value);
        }

        if (op.Type?.SpecialType == SpecialType.System_String)
        {
            return ReadJson(op);
        }

        return ObjectPolicyReader.ReadPolicy(op, evaluator, cancellationToken);
    }

    private static bool IsSerializer(IMethodSymbol method)
        => (method.Name == "FromJson" && method.ContainingType?.ToDisplayString() == AwsTypes.CdkIam + "PolicyDocument")
           || (method.Name == "Serialize" && method.ContainingType?.ToDisplayString() == "System.Text.Json.JsonSerializer")
           || (method.Name == "SerializeObject" && method.ContainingType?.ToDisplayString() == "Newtonsoft.Json.JsonConvert");

    private static ImmutableArray<PolicyStatement> ReadJson(IOperation op)
    {
        if (op.Syntax is not ExpressionSyntax expression || op.SemanticModel is not { } model)
        {
            return ImmutableArray<PolicyStatement>.Empty;
        }

        var policy = PolicyText.Create(expression, e => model.GetConstantValue(e) is { HasValue: true, Value: var v } ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null);
        return policy is null ? ImmutableArray<PolicyStatement>.Empty : JsonTrustPolicyReader.ReadAll(policy, model);
    }
}
