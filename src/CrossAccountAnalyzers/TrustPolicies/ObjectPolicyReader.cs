using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CrossAccountAnalyzers.Policies;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CrossAccountAnalyzers.TrustPolicies;

/// <summary>
/// Reads a policy built as C# objects (<see cref="ObjectPolicyNode"/>: anonymous objects, <c>Dictionary&lt;string, object&gt;</c>,
/// Newtonsoft <c>JObject</c>/<c>JArray</c>, as serialized by <c>JsonSerializer.Serialize</c> or JSON.NET, or handed to CDK
/// <c>CfnRoleProps.AssumeRolePolicyDocument</c> / <c>PolicyDocument.FromJson</c>) into the same statements as the JSON reader.
/// Keys are the JSON keys: an anonymous object's member names (<c>Effect</c>, <c>Principal</c>, <c>AWS</c>, <c>Service</c>,
/// <c>Action</c>, <c>Condition</c>, <c>StringEquals</c>), a dictionary's keys (<c>"sts:ExternalId"</c>).
/// </summary>
internal static class ObjectPolicyReader
{
    /// <summary>Every statement of the policy object <paramref name="root"/> (its <c>Statement</c>, an array or one object); empty when it has none.</summary>
    public static ImmutableArray<PolicyStatement> ReadPolicy(ObjectPolicyNode root)
    {
        if (root.Kind != ObjectPolicyNode.NodeKind.Object || root.Get("Statement") is not { } statements)
        {
            return ImmutableArray<PolicyStatement>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<PolicyStatement>();
        foreach (var statement in statements.Kind == ObjectPolicyNode.NodeKind.Array ? statements.Elements! : new() { statements })
        {
            if (ReadStatement(statement) is { } read)
            {
                result.Add(read);
            }
        }

        return result.ToImmutable();
    }

    /// <summary>The policy object built at <paramref name="operation"/>'s value (following locals), read; empty when it is not a policy.</summary>
    public static ImmutableArray<PolicyStatement> ReadPolicy(IOperation operation, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
        => ReadPolicy(ObjectPolicyNode.Build(operation, evaluator, cancellationToken));

    /// <summary>One statement object (<c>PolicyStatement.FromJson(new { ... })</c> or an element of <c>Statement</c>); null when it is not an object.</summary>
    public static PolicyStatement? ReadStatement(ObjectPolicyNode statement)
    {
        if (statement.Kind != ObjectPolicyNode.NodeKind.Object)
        {
            return null;
        }

        var effectNode = statement.Get("Effect");
        var effect = effectNode is null ? PolicyEffect.Unknown
            : effectNode.Kind != ObjectPolicyNode.NodeKind.String ? PolicyEffect.Unknown
            : effectNode.Text == "Allow" ? PolicyEffect.Allow
            : effectNode.Text == "Deny" ? PolicyEffect.Deny
            : PolicyEffect.Unknown;
        var action = statement.Get("Action");
        var notAction = statement.Get("NotAction");
        var actions = action is not null ? Actions(action, negated: false)
            : notAction is not null ? Actions(notAction, negated: true)
            : PolicyActions.None;

        var principals = ImmutableArray.CreateBuilder<TrustPrincipal>();
        if (statement.Get("NotPrincipal") is { } notPrincipal)
        {
            principals.Add(new TrustPrincipal(TrustPrincipalKind.Any, null, notPrincipal.Syntax, TrustConditions.None, name: "NotPrincipal"));
        }

        if (statement.Get("Principal") is { } principal)
        {
            ReadPrincipal(principal, principals);
        }

        var namesResources = statement.Get("Resource") is not null || statement.Get("NotResource") is not null;
        return new PolicyStatement(effect, actions, principals.ToImmutable(), ReadConditions(statement.Get("Condition")), statement.Syntax, namesResources: namesResources);
    }

    private static PolicyActions Actions(ObjectPolicyNode node, bool negated)
    {
        if (node.Kind is not (ObjectPolicyNode.NodeKind.String or ObjectPolicyNode.NodeKind.Array))
        {
            return PolicyActions.Unknown;
        }

        var patterns = node.StringOrArray().ToList();
        return patterns.All(p => p.Kind == ObjectPolicyNode.NodeKind.String && p.Text!.IndexOf(PolicyText.Hole) < 0)
            ? new PolicyActions(patterns.Select(p => p.Text!).ToImmutableArray(), negated)
            : PolicyActions.Unknown;
    }

    private static void ReadPrincipal(ObjectPolicyNode principal, ImmutableArray<TrustPrincipal>.Builder result)
    {
        if (principal.Kind == ObjectPolicyNode.NodeKind.String)
        {
            result.Add(new TrustPrincipal(principal.Text == "*" ? TrustPrincipalKind.Any : TrustPrincipalKind.Unknown, null, principal.Syntax, TrustConditions.None, name: principal.Text));
            return;
        }

        if (principal.Kind != ObjectPolicyNode.NodeKind.Object)
        {
            result.Add(new TrustPrincipal(TrustPrincipalKind.Unknown, null, principal.Syntax, TrustConditions.None));
            return;
        }

        foreach (var member in principal.Members!)
        {
            if (member.Value.Kind is not (ObjectPolicyNode.NodeKind.String or ObjectPolicyNode.NodeKind.Array))
            {
                result.Add(new TrustPrincipal(member.Key == "Service" ? TrustPrincipalKind.Service : member.Key == "Federated" ? TrustPrincipalKind.Federated : TrustPrincipalKind.Unknown, null, member.Value.Syntax, TrustConditions.None));
                continue;
            }

            foreach (var value in member.Value.StringOrArray())
            {
                var text = value.Kind == ObjectPolicyNode.NodeKind.String ? value.Text : null;
                string? account = null;
                var kind = member.Key switch
                {
                    "AWS" when text is null => RuntimePrincipals.Classify(value.Syntax as ExpressionSyntax, value.Operation.SemanticModel),
                    "AWS" when text.Trim() == PolicyText.Hole.ToString() => RuntimePrincipals.Classify(HoleExpression(value), value.Operation.SemanticModel),
                    "AWS" => TrustJudge.ClassifyArn(text, out account) ?? JsonTrustPolicyReader.ClassifyTemplate(text),
                    "Service" => TrustPrincipalKind.Service,
                    "Federated" => TrustPrincipalKind.Federated,
                    _ => TrustPrincipalKind.Unknown,
                };
                result.Add(new TrustPrincipal(kind, account, value.Syntax, TrustConditions.None, name: text));
            }
        }
    }

    /// <summary>The one run-time part of an interpolation such as <c>$"{roleArn}"</c>, to judge by its name.</summary>
    private static ExpressionSyntax? HoleExpression(ObjectPolicyNode value)
        => value.Syntax switch
        {
            InterpolatedStringExpressionSyntax interpolated => interpolated.Contents.OfType<InterpolationSyntax>().FirstOrDefault()?.Expression,
            ExpressionSyntax expression => expression,
            _ => null,
        };

    /// <summary><c>Condition = new { StringEquals = new Dictionary&lt;string, object&gt; { ["sts:ExternalId"] = id } }</c> and every mix of objects and dictionaries.</summary>
    private static TrustConditions ReadConditions(ObjectPolicyNode? condition)
    {
        if (condition is null)
        {
            return TrustConditions.None;
        }

        if (condition.Kind != ObjectPolicyNode.NodeKind.Object)
        {
            return TrustConditions.Unknown;
        }

        var items = ImmutableArray.CreateBuilder<TrustCondition>();
        foreach (var op in condition.Members!)
        {
            if (op.Value.Kind != ObjectPolicyNode.NodeKind.Object)
            {
                return TrustConditions.Unknown;
            }

            foreach (var key in op.Value.Members!)
            {
                var values = key.Value.Kind is ObjectPolicyNode.NodeKind.String or ObjectPolicyNode.NodeKind.Array
                             && key.Value.StringOrArray().All(v => v.Kind == ObjectPolicyNode.NodeKind.String)
                    ? key.Value.StringOrArray().Select(v => v.Text).ToImmutableArray()
                    : default;
                items.Add(new TrustCondition(op.Key, key.Key, values, key.Value.Syntax));
            }
        }

        return new TrustConditions(items.ToImmutable(), isUnknown: false);
    }
}
