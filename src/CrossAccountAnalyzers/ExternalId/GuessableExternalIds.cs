using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.ExternalId;

/// <summary>
/// Why an ExternalId is one that others can guess (CXA1005), for the message; shared with CXA1002, which leaves these
/// spots to CXA1005. Guessable: a documentation placeholder (<see cref="ExternalIdPlaceholders"/>), a 12-digit account
/// ID, an ARN, the role ARN of the same request or a part of it, or a value the code names (or types) as an account ID
/// or an ARN (<c>accountId</c>, <c>customer.AccountId</c>, a caller identity's <c>Account</c>, <c>roleArn</c>).
/// </summary>
internal static class GuessableExternalIds
{
    private static readonly string[] SameValueOperations = { "Trim", "TrimStart", "TrimEnd", "ToLower", "ToLowerInvariant", "ToUpper", "ToUpperInvariant", "ToString" };
    private static readonly string[] PartOperations = { "Substring", "Split", "Replace", "Remove", "AsSpan", "Last", "First", "ElementAt" };

    /// <summary>The reason, as the message says it ("a 12-digit AWS account ID"), or null when the value is not guessable by what the code shows.</summary>
    public static string? Judge(ExternalIdValue value, CancellationToken cancellationToken)
    {
        var roleArns = RoleArnsOf(value.Value, cancellationToken);
        if (value.Values.IsKnown)
        {
            var evaluator = value.Value.SemanticModel is { } model ? HardCodedValueEvaluator.Get(model.Compilation) : null;
            var knownArns = evaluator is null ? ImmutableArray<string?>.Empty
                : roleArns.Select(a => evaluator.Evaluate(a, cancellationToken)).Where(s => s.IsKnown).SelectMany(s => s.Values).Where(a => !string.IsNullOrEmpty(a)).ToImmutableArray();
            foreach (var known in value.Values.Values)
            {
                if (!string.IsNullOrEmpty(known) && JudgeConstant(known!, knownArns) is { } reason)
                {
                    return reason;
                }
            }
        }

        var (root, partial) = Strip(value.Value);
        var symbol = SymbolOf(root);
        if (symbol is not null && roleArns.Any(a => SymbolEqualityComparer.Default.Equals(SymbolOf(Strip(a).Root), symbol)))
        {
            return partial ? "part of the role ARN of the same request" : "the role ARN of the same request";
        }

        return JudgeName(root, value.Value);
    }

    /// <summary>A constant: a placeholder, an account ID, an ARN, or the role ARN (or a part of it) given to the same request.</summary>
    public static string? JudgeConstant(string value, ImmutableArray<string?> roleArns)
    {
        if (ExternalIdPlaceholders.IsPlaceholder(value))
        {
            return $"the documentation placeholder '{value.Trim()}'";
        }

        if (AwsArn.IsAccountId(value.Trim()))
        {
            return "a 12-digit AWS account ID";
        }

        if (value.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
        {
            return "an ARN";
        }

        foreach (var arn in roleArns)
        {
            if (string.Equals(arn, value, StringComparison.Ordinal))
            {
                return "the role ARN of the same request";
            }

            if (value.Length >= 3 && arn!.IndexOf(value, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return "part of the role ARN of the same request";
            }
        }

        return null;
    }

    /// <summary>What the code calls the value (or its type): an account ID or an ARN.</summary>
    private static string? JudgeName(IOperation root, IOperation value)
    {
        var name = NameOf(root);
        if (name is not null)
        {
            if (name.EndsWith("arn", StringComparison.OrdinalIgnoreCase))
            {
                return $"an ARN ('{name}')";
            }

            if (IsAccountName(name))
            {
                return $"an AWS account ID ('{name}')";
            }
        }

        foreach (var type in new[] { root.Type, ObjectCreations.StripConversions(value).Type })
        {
            if (type is INamedTypeSymbol { SpecialType: not SpecialType.System_String and not SpecialType.System_Object } named && IsAccountName(named.Name))
            {
                return $"an AWS account ID (of type {named.Name})";
            }
        }

        return null;
    }

    private static bool IsAccountName(string name)
        => Contains(name, "account") && !Contains(name, "external") && !Contains(name, "role") && !Contains(name, "user") && !Contains(name, "name") && !Contains(name, "alias");

    private static bool Contains(string name, string word) => name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>The value under conversions and string operations; <c>Partial</c> when one of them keeps only a part (<c>Split</c>, <c>Substring</c>, an element).</summary>
    private static (IOperation Root, bool Partial) Strip(IOperation operation)
    {
        var partial = false;
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                case IAwaitOperation awaited:
                    operation = awaited.Operation;
                    continue;
                case IArrayElementReferenceOperation element:
                    partial = true;
                    operation = element.ArrayReference;
                    continue;
                case IInvocationOperation { TargetMethod.Name: var name } invocation
                    when (invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null)) is { } receiver
                         && (Array.IndexOf(SameValueOperations, name) >= 0 || Array.IndexOf(PartOperations, name) >= 0):
                    partial |= Array.IndexOf(PartOperations, name) >= 0;
                    operation = receiver;
                    continue;
                case IInterpolatedStringOperation { Parts.Length: 1 } interpolated when interpolated.Parts[0] is IInterpolationOperation { Alignment: null, FormatString: null } only:
                    // $"{customer.AccountId}": the value itself, formatted.
                    operation = only.Expression;
                    continue;
                case IPropertyReferenceOperation { Property.Name: "Value", Instance: { } instance } when instance.Type is INamedTypeSymbol { SpecialType: not SpecialType.System_String }:
                    // accountId.Value of a strongly typed ID.
                    operation = instance;
                    continue;
                default:
                    return (operation, partial);
            }
        }
    }

    private static ISymbol? SymbolOf(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation { Arguments.IsEmpty: true } property => property.Property,
        _ => null,
    };

    private static string? NameOf(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local.Name,
        IParameterReferenceOperation parameter => parameter.Parameter.Name,
        IFieldReferenceOperation field => field.Field.Name.TrimStart('_'),
        IPropertyReferenceOperation { Arguments.IsEmpty: true } property => property.Property.Name,
        IInvocationOperation { Arguments.IsEmpty: true } invocation => invocation.TargetMethod.Name,
        _ => null,
    };

    /// <summary>
    /// The values given to the <c>RoleArn</c> (<c>SessionRoleArn</c> of <c>AWSOptions</c>) of the object whose ExternalId
    /// <paramref name="externalId"/> is assigned: in its initializer, or later on the local that holds it.
    /// </summary>
    private static List<IOperation> RoleArnsOf(IOperation externalId, CancellationToken cancellationToken)
    {
        var result = new List<IOperation>();
        if (externalId.Parent is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } || target.Property.ContainingType is not { } type)
        {
            return result;
        }

        var property = type.Name == "AWSOptions" ? AwsTypes.SessionRoleArnProperty : AwsTypes.RoleArnProperty;
        if (type.GetMembers(property).IsEmpty)
        {
            return result;
        }

        IObjectCreationOperation? creation = target.Instance switch
        {
            IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } => externalId.Parent.Parent?.Parent as IObjectCreationOperation,
            ILocalReferenceOperation local => ObjectCreations.FindSingleCreationAssignedTo(local, cancellationToken),
            _ => null,
        };
        if (creation is null)
        {
            return result;
        }

        var aliases = target.Instance is ILocalReferenceOperation holder ? ImmutableArray.Create(holder.Local) : ImmutableArray<ILocalSymbol>.Empty;
        foreach (var write in CreatedObjectTracker.Analyze(creation, ImmutableArray.Create(property), aliases, cancellationToken).WritesTo(property))
        {
            if (write.Value is not null)
            {
                result.Add(write.Value);
            }
        }

        return result;
    }
}
