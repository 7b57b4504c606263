using System.Collections.Immutable;
using System.Composition;
using CrossAccountAnalyzers.CodeFixes.Machinery;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CrossAccountAnalyzers.CodeFixes.TrustPolicies;

/// <summary>CXA3001: add <c>ExternalIds = new[] { externalId }</c> to the role's props, the value found or introduced as for CXA1001.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RoleTrustsAccountWithoutExternalIdCodeFixProvider)), Shared]
public sealed class RoleTrustsAccountWithoutExternalIdCodeFixProvider : ExternalIdCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RoleTrustsAccountWithoutExternalId);
}
