using System.Collections.Immutable;
using System.Composition;
using CrossAccountAnalyzers.CodeFixes.Machinery;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CrossAccountAnalyzers.CodeFixes.ExternalId;

/// <summary>CXA1002: replace the constant ExternalId with a new parameter or a configuration read (CXA1001 fixes 2 and 3).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConstantExternalIdCodeFixProvider)), Shared]
public sealed class ConstantExternalIdCodeFixProvider : ExternalIdCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ConstantExternalId);

    /// <inheritdoc/>
    protected override bool OfferInScope => false;
}
