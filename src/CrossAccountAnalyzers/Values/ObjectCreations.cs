using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.Values;

/// <summary>Small helpers over object creations inside one body.</summary>
internal static class ObjectCreations
{
    /// <summary>The one object creation ever assigned to <paramref name="local"/> in its body, or null (none, several, or an unknown write).</summary>
    public static IObjectCreationOperation? FindSingleCreationAssignedTo(ILocalReferenceOperation local, CancellationToken cancellationToken)
        => FindSingleValueAssignedTo(local, cancellationToken) is { } value && Unwrap(value) is IObjectCreationOperation creation ? creation : null;

    /// <summary>The one value ever assigned to <paramref name="local"/> in its body, or null (none, several, or an unknown write).</summary>
    public static IOperation? FindSingleValueAssignedTo(ILocalReferenceOperation local, CancellationToken cancellationToken)
    {
        IOperation? found = null;
        var root = HardCodedValueEvaluator.GetRoot(local);
        foreach (var op in root.Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            IOperation? value;
            if (op is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local))
            {
                value = (declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer)?.Value;
                if (value is null)
                {
                    continue;
                }
            }
            else if (op is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local.Local) && HardCodedValueEvaluator.IsWrite(reference, out var written))
            {
                value = written;
                if (value is null)
                {
                    return null;
                }
            }
            else
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            found = value;
        }

        return found;
    }

    /// <summary>The operand under every conversion, implicit or explicit (<c>(object)x</c>, <c>(IPrincipal)p</c>).</summary>
    public static IOperation StripConversions(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>The operand under implicit conversions only.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
