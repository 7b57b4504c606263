using System.Collections.Immutable;
using System.Composition;
using CrossAccountAnalyzers.CodeFixes.Machinery;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CrossAccountAnalyzers.CodeFixes.ExternalId;

/// <summary>CXA1001: set the ExternalId from a value in scope, a new parameter, or configuration.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AssumeRoleWithoutExternalIdCodeFixProvider)), Shared]
public sealed class AssumeRoleWithoutExternalIdCodeFixProvider : ExternalIdCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AssumeRoleWithoutExternalId);
}
