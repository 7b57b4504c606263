using System;
using System.Collections.Generic;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.TrustPolicies;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.ExternalId;

/// <summary>One value given to an ExternalId sink.</summary>
internal readonly struct ExternalIdValue
{
    public ExternalIdValue(string sink, IOperation value, ValueSet values, bool isStsRequest)
    {
        Sink = sink;
        Value = value;
        Values = values;
        IsStsRequest = isStsRequest;
    }

    /// <summary>For messages: <c>AssumeRoleRequest.ExternalId</c>, <c>RoleProps.ExternalIds</c>, ...</summary>
    public string Sink { get; }

    public IOperation Value { get; }

    /// <summary>What the compiler knows of the value: <see cref="ValueSet.Unknown"/> unless it is hard-coded.</summary>
    public ValueSet Values { get; }

    /// <summary><c>AssumeRoleRequest.ExternalId</c>, whose literal values the AWS SDK's own analyzer checks.</summary>
    public bool IsStsRequest { get; }

    /// <summary>The value is written as a literal right there (no const or field in between).</summary>
    public bool IsLiteral
    {
        get
        {
            var syntax = Value.Syntax;
            while (syntax is ParenthesizedExpressionSyntax parenthesized)
            {
                syntax = parenthesized.Expression;
            }

            return syntax is LiteralExpressionSyntax;
        }
    }
}

/// <summary>
/// Every ExternalId sink (AssumeRoleRequest, AssumeRoleAWSCredentialsOptions, AWSOptions, CDK RoleProps.ExternalIds),
/// in initializers and later assignments, with what the compiler knows of the value.
/// </summary>
internal static class ExternalIdSinks
{
    public static bool Any(AwsTypes types) => types.AssumeRoleRequest is not null || types.AssumeRoleAWSCredentialsOptions is not null || types.AWSOptions is not null || types.CdkRoleProps is not null;

    /// <summary>
    /// Has <paramref name="onValue"/> see every ExternalId value, hard-coded (<see cref="ValueSet.IsKnown"/>) or not; the
    /// values are read once for all the rules that ask.
    /// </summary>
    public static void Register(RuleContext context, AwsTypes types, Action<NamedOperationContext, ExternalIdValue> onValue)
        => context.Share(c => new Consumers(c, types)).Add(context, pair => onValue(pair.Context, pair.Value));

    /// <summary>The ExternalId rules of one compilation, fed by one reading of its assignments.</summary>
    private sealed class Consumers : RuleFanOut<(NamedOperationContext Context, ExternalIdValue Value)>
    {
        public Consumers(RuleContext context, AwsTypes types) => Read(context, types, (c, value) => Run((c, value)));
    }

    private static void Read(RuleContext context, AwsTypes types, Action<NamedOperationContext, ExternalIdValue> onValue)
    {
        var evaluator = HardCodedValueEvaluator.Get(context.Compilation);
        context.OnNamedOperation(
            c =>
            {
                var assignment = (ISimpleAssignmentOperation)c.Operation;
                if (assignment.Target is not IPropertyReferenceOperation { Property: var property } || assignment.Syntax.ContainsDiagnostics)
                {
                    return;
                }

                if (property.Name == AwsTypes.ExternalIdProperty && types.IsExternalIdCarrier(property.ContainingType))
                {
                    var values = evaluator.Evaluate(assignment.Value, c.CancellationToken);
                    var isRequest = SymbolEqualityComparer.Default.Equals(property.ContainingType, types.AssumeRoleRequest);
                    onValue(c, new ExternalIdValue(property.ContainingType.Name + ".ExternalId", assignment.Value, values, isRequest));
                }
                else if (property.Name == "ExternalIds" && SymbolEqualityComparer.Default.Equals(property.ContainingType, types.CdkRoleProps)
                         && CdkTrustReader.ArrayElements(assignment.Value) is { IsDefault: false } elements)
                {
                    foreach (var element in elements)
                    {
                        onValue(c, new ExternalIdValue("RoleProps.ExternalIds", element, evaluator.Evaluate(element, c.CancellationToken), isStsRequest: false));
                    }
                }
            },
            OperationKind.SimpleAssignment,
            AwsTypes.ExternalIdProperty,
            "ExternalIds");
    }

    /// <summary>Why STS rejects <paramref name="externalId"/> (2 to 1224 characters of <c>[\w+=,.@:/-]</c>), or null when it accepts it.</summary>
    public static string? RejectionReason(string externalId)
    {
        if (externalId.Length < 2)
        {
            return $"it is {externalId.Length} character long (STS accepts 2 to 1224)";
        }

        if (externalId.Length > 1224)
        {
            return $"it is {externalId.Length} characters long (STS accepts 2 to 1224)";
        }

        foreach (var c in externalId)
        {
            var ok = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' || "_+=,.@:/-".IndexOf(c) >= 0;
            if (!ok)
            {
                var shown = c is >= ' ' and <= '~' ? "'" + c + "'" : "U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
                return $"it contains {shown} (STS accepts letters, digits and _+=,.@:/-)";
            }
        }

        return null;
    }

    /// <summary>The first rejection reason among the possible values.</summary>
    public static string? RejectionReason(IEnumerable<string?> values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrEmpty(value) && RejectionReason(value!) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }
}
