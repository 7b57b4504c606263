using CrossAccountAnalyzers.Aws;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers.Engine;

/// <summary>
/// Generated code is never analyzed nor reported, decided by the rules rather than by the driver: the driver runs every
/// action everywhere (<see cref="Flags"/>), the rule host returns at once where the driver says the code is generated
/// (a generated file name or header, <c>generated_code = true</c>, a symbol with <c>[GeneratedCode]</c>), and rules
/// that read a whole file check the symbol-level answer themselves before reporting (<see cref="IsInGeneratedCodeSymbol"/>).
/// </summary>
/// <remarks>Why the driver's own filter is not used (it reads the whole file again on the first report): docs/performance.md.</remarks>
internal static class GeneratedCode
{
    public const GeneratedCodeAnalysisFlags Flags = GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics;

    /// <summary>
    /// Whether <paramref name="node"/> is inside a symbol marked <c>[System.CodeDom.Compiler.GeneratedCode]</c>, or
    /// inside a type so marked (on any of its parts): the same test the driver applies.
    /// </summary>
    public static bool IsInGeneratedCodeSymbol(SemanticModel model, SyntaxNode node, System.Threading.CancellationToken cancellationToken)
    {
        var attribute = AwsTypes.Get(model.Compilation).GeneratedCodeAttribute;
        if (attribute is null)
        {
            return false;
        }

        for (var symbol = model.GetEnclosingSymbol(node.SpanStart, cancellationToken); symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            if (HasAttribute(symbol, attribute) || (symbol is IMethodSymbol { AssociatedSymbol: { } associated } && HasAttribute(associated, attribute)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol attribute)
    {
        foreach (var data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }
}
