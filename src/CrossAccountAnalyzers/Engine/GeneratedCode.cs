using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Values;
using CrossAccountAnalyzers.Policies;
using CrossAccountAnalyzers.ExternalId;
using CrossAccountAnalyzers.Credentials;
using CrossAccountAnalyzers.TrustPolicies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers.Engine;

/// <summary>
/// Generated code is never analyzed nor reported, decided by the analyzers themselves rather than by the driver.
/// </summary>
/// <remarks>
/// With <see cref="GeneratedCodeAnalysisFlags.None"/> the driver also checks every reported diagnostic's location, and
/// to do that it walks every token of the file once (looking for a <c>GeneratedCode</c> attribute) the first time a
/// diagnostic is reported in it: about 240 ms on a 20,000-line file, charged to the rule that reported first. The
/// package instead asks the driver to run its actions everywhere and report as they are (<c>Analyze |
/// ReportDiagnostics</c>), and every action returns at once where the driver says the code is generated: a generated
/// file name or header, <c>generated_code = true</c>, or a symbol with <c>[GeneratedCode]</c>. The rule host
/// (<see cref="RuleContext"/>) makes that check once per callback, for every rule. Semantic-model actions
/// learn only the file-level answer, so the string rules check the symbol-level one themselves before reporting
/// (<see cref="IsInGeneratedCodeSymbol"/>), which costs something only where they are about to report.
/// </remarks>
internal static class GeneratedCode
{
    public const GeneratedCodeAnalysisFlags Flags = GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics;

    /// <summary>
    /// Whether <paramref name="node"/> is inside a symbol marked <c>[System.CodeDom.Compiler.GeneratedCode]</c>, or
    /// inside a type so marked (on any of its parts): the same test the driver applies.
    /// </summary>
    public static bool IsInGeneratedCodeSymbol(SemanticModel model, SyntaxNode node, System.Threading.CancellationToken cancellationToken)
    {
        var attribute = model.Compilation.GetTypeByMetadataName("System.CodeDom.Compiler.GeneratedCodeAttribute");
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
