using System.Collections.Immutable;
using System.Composition;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.CodeFixes.Credentials;
using CrossAccountAnalyzers.CodeFixes.ExternalId;
using CrossAccountAnalyzers.CodeFixes.Machinery;
using CrossAccountAnalyzers.Credentials;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.ExternalId;
using CrossAccountAnalyzers.Policies;
using CrossAccountAnalyzers.TrustPolicies;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CrossAccountAnalyzers.CodeFixes.TrustPolicies;

/// <summary>CXA3001: add <c>ExternalIds = new[] { externalId }</c> to the role's props, the value found or introduced as for CXA1001.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RoleTrustsAccountWithoutExternalIdCodeFixProvider)), Shared]
public sealed class RoleTrustsAccountWithoutExternalIdCodeFixProvider : ExternalIdCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RoleTrustsAccountWithoutExternalId);
}
