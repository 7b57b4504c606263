using System.Collections.Generic;
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
            case IPropertyReferenceOperation { Property.Name: "Account" } property:
                return property.Property.ContainingType?.ToDisplayString() == CallerIdentityResponse;
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation hole && FromCallerIdentity(hole.Expression, helperDepth, seen, cancellationToken))
                    {
                        return true;
                    }
                }

                return false;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add:
                return FromCallerIdentity(add.LeftOperand, helperDepth, seen, cancellationToken) || FromCallerIdentity(add.RightOperand, helperDepth, seen, cancellationToken);
            case IInvocationOperation invocation when invocation.TargetMethod is { Name: "Format" or "Concat", ContainingType.SpecialType: SpecialType.System_String }:
                foreach (var argument in invocation.Arguments)
                {
                    if (FromCallerIdentity(argument.Value, helperDepth, seen, cancellationToken)
                        || (argument.Value is IArrayCreationOperation { Initializer: { } items } && AnyFromCallerIdentity(items.ElementValues, helperDepth, seen, cancellationToken)))
                    {
                        return true;
                    }
                }

                return false;
            case ILocalReferenceOperation local when seen.Add(local.Local):
                return AnyFromCallerIdentity(WritesOf(local), helperDepth, seen, cancellationToken);
            case IInvocationOperation helper when helperDepth > 0 && seen.Add(helper.TargetMethod.OriginalDefinition):
                return AnyFromCallerIdentity(ReturnsOf(helper.TargetMethod, value, cancellationToken), helperDepth - 1, seen, cancellationToken);
            default:
                return false;
        }
    }

    private static bool AnyFromCallerIdentity(IEnumerable<IOperation> values, int helperDepth, HashSet<ISymbol> seen, CancellationToken cancellationToken)
    {
        foreach (var value in values)
        {
            if (FromCallerIdentity(value, helperDepth, seen, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The values a local is initialized with or assigned, in the body that declares it.</summary>
    private static IEnumerable<IOperation> WritesOf(ILocalReferenceOperation local)
    {
        foreach (var operation in HardCodedValueEvaluator.GetRoot(local).Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local) && declarator.GetVariableInitializer() is { } initializer:
                    yield return initializer.Value;
                    break;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local.Local) && HardCodedValueEvaluator.IsWrite(reference, out var written) && written is not null:
                    yield return written;
                    break;
            }
        }
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
                if (operation is IReturnOperation { ReturnedValue: { } returned })
                {
                    yield return returned;
                }
            }
        }
    }
}
