using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.ExternalId;

/// <summary>
/// A role ARN built from the caller's own identity (<c>GetCallerIdentity</c>'s <c>Account</c>, read in the same body or
/// returned by a helper one call away) is in the caller's own account, where no ExternalId is needed.
/// </summary>
internal static class OwnAccount
{
    private const string CallerIdentityResponse = "Amazon.SecurityToken.Model.GetCallerIdentityResponse";

    /// <summary>True when the account of <paramref name="roleArn"/> comes from the caller's identity.</summary>
    public static bool IsCallerIdentityArn(IOperation? roleArn, CancellationToken cancellationToken)
        => roleArn is not null && FromCallerIdentity(roleArn, helperDepth: 1, new HashSet<ISymbol>(SymbolEqualityComparer.Default), cancellationToken);

    private static bool FromCallerIdentity(IOperation value, int helperDepth, HashSet<ISymbol> seen, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (value)
        {
            case IConversionOperation conversion:
                return FromCallerIdentity(conversion.Operand, helperDepth, seen, cancellationToken);
            case IParenthesizedOperation parenthesized:
                return FromCallerIdentity(parenthesized.Operand, helperDepth, seen, cancellationToken);
            case IAwaitOperation awaited:
                return FromCallerIdentity(awaited.Operation, helperDepth, seen, cancellationToken);
            case IConditionalAccessOperation access:
                // identity?.Account
                return FromCallerIdentity(access.WhenNotNull, helperDepth, seen, cancellationToken);
            case ICoalesceOperation coalesce:
                // identity?.Account ?? throw ...: the value, when there is one, is the caller's account.
                return FromCallerIdentity(coalesce.Value, helperDepth, seen, cancellationToken)
                       && coalesce.WhenNull is IThrowOperation or IConversionOperation { Operand: IThrowOperation };
            case IPropertyReferenceOperation { Property.Name: "Account" } property:
                return property.Property.ContainingType?.ToDisplayString() == CallerIdentityResponse;
            case IInterpolatedStringOperation interpolated:
                return AccountPart(Parts(interpolated)) is { } interpolatedAccount && FromCallerIdentity(interpolatedAccount, helperDepth, seen, cancellationToken);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add:
                return AccountPart(Parts(add)) is { } concatenatedAccount && FromCallerIdentity(concatenatedAccount, helperDepth, seen, cancellationToken);
            case IInvocationOperation { TargetMethod: { Name: "Format", ContainingType.SpecialType: SpecialType.System_String } } format:
                return FormatAccount(format) is { } formattedAccount && FromCallerIdentity(formattedAccount, helperDepth, seen, cancellationToken);
            case ILocalReferenceOperation local when seen.Add(local.Local):
                // Every value the local can hold, not just one of them.
                return AllFromCallerIdentity(HardCodedValueEvaluator.LocalWrites(HardCodedValueEvaluator.GetRoot(local), local.Local, cancellationToken), helperDepth, seen, cancellationToken);
            case IInvocationOperation helper when helperDepth > 0 && seen.Add(helper.TargetMethod.OriginalDefinition):
                return AllFromCallerIdentity(ReturnsOf(helper.TargetMethod, value, cancellationToken), helperDepth - 1, seen, cancellationToken);
            default:
                return false;
        }
    }

    /// <summary>Every value (none unknown, at least one) comes from the caller's identity.</summary>
    private static bool AllFromCallerIdentity(IEnumerable<IOperation?> values, int helperDepth, HashSet<ISymbol> seen, CancellationToken cancellationToken)
    {
        var any = false;
        foreach (var value in values)
        {
            if (value is null || !FromCallerIdentity(value, helperDepth, seen, cancellationToken))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>The parts of an interpolated string or a concatenation, in order: constant text, or an expression.</summary>
    private static List<(string? Text, IOperation? Value)> Parts(IOperation operation)
    {
        var parts = new List<(string?, IOperation?)>();
        void Add(IOperation part)
        {
            switch (part)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add:
                    Add(add.LeftOperand);
                    Add(add.RightOperand);
                    break;
                case IConversionOperation conversion:
                    Add(conversion.Operand);
                    break;
                case IInterpolatedStringOperation interpolated:
                    foreach (var piece in interpolated.Parts)
                    {
                        if (piece is IInterpolatedStringTextOperation text)
                        {
                            parts.Add((text.Text.ConstantValue.Value as string ?? string.Empty, null));
                        }
                        else if (piece is IInterpolationOperation hole)
                        {
                            parts.Add(hole.Expression.ConstantValue is { HasValue: true, Value: string constant } ? (constant, null) : (null, hole.Expression));
                        }
                    }

                    break;
                default:
                    parts.Add(part.ConstantValue is { HasValue: true, Value: string value } ? (value, null) : (null, part));
                    break;
            }
        }

        Add(operation);
        return parts;
    }

    /// <summary>The run-time part that stands where an ARN's account goes: right after <c>arn:...:iam::</c>, before the next <c>:</c>.</summary>
    private static IOperation? AccountPart(List<(string? Text, IOperation? Value)> parts)
    {
        var before = new System.Text.StringBuilder();
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].Value is { } value)
            {
                var after = i + 1 < parts.Count ? parts[i + 1].Text : null;
                return IsAccountSlot(before.ToString()) && after is not null && after.StartsWith(":", System.StringComparison.Ordinal) ? value : null;
            }

            before.Append(parts[i].Text);
        }

        return null;
    }

    /// <summary><c>string.Format("arn:aws:iam::{0}:role/x", account)</c>: the argument the account placeholder names.</summary>
    private static IOperation? FormatAccount(IInvocationOperation format)
    {
        if (format.Arguments.Length < 2 || format.Arguments[0].Value.ConstantValue is not { HasValue: true, Value: string pattern })
        {
            return null;
        }

        var match = System.Text.RegularExpressions.Regex.Match(pattern, @"^(?<before>[^{}]*)\{(?<index>[0-9])\}:");
        if (!match.Success || !IsAccountSlot(match.Groups["before"].Value))
        {
            return null;
        }

        var index = int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var arguments = format.Arguments[1].Value is IArrayCreationOperation { Initializer: { } items } ? items.ElementValues : format.Arguments.Skip(1).Select(a => a.Value).ToImmutableArray();
        return index < arguments.Length ? arguments[index] : null;
    }

    /// <summary>Text that ends where an IAM ARN's account begins: <c>arn:&lt;partition&gt;:iam::</c>.</summary>
    private static bool IsAccountSlot(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 5 && parts[0] == "arn" && parts[2] == "iam" && parts[3].Length == 0 && parts[4].Length == 0;
    }

    /// <summary>A return of a lambda or local function inside the method's body, not of the method.</summary>
    private static bool InNestedFunction(IOperation operation, IOperation body)
    {
        for (var parent = operation.Parent; parent is not null && parent != body; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What a source method returns (its return statements, or its expression body).</summary>
    private static IEnumerable<IOperation> ReturnsOf(IMethodSymbol method, IOperation call, CancellationToken cancellationToken)
    {
        var compilation = call.SemanticModel?.Compilation;
        if (compilation is null || method.IsAbstract || method.IsVirtual || method.IsExtern)
        {
            yield break;
        }

        foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree) || SemanticModels.Of(compilation, syntax.SyntaxTree).GetOperation(syntax, cancellationToken) is not { } body)
            {
                continue;
            }

            foreach (var operation in body.Descendants())
            {
                if (operation is IReturnOperation { ReturnedValue: { } returned } && !InNestedFunction(operation, body))
                {
                    yield return returned;
                }
            }
        }
    }
}
