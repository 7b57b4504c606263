using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.Values;

/// <summary>
/// The one place the rules ask the compilation for the semantic model of another tree (where a member is written, who
/// calls a factory): the allow-list of the banned-API rule (src/BannedSymbols.txt). The driver caches these models.
/// </summary>
internal static class SemanticModels
{
    [SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1030:Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer", Justification = "A member's writers and a factory's callers live in other trees; the answers are cached per member and per factory.")]
    public static SemanticModel Of(Compilation compilation, SyntaxTree tree)
#pragma warning disable RS0030 // The allow-listed call.
        => compilation.GetSemanticModel(tree);
#pragma warning restore RS0030
}
