using System.Collections.Immutable;
using System.Composition;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.CodeFixes.Credentials;
using CrossAccountAnalyzers.CodeFixes.Machinery;
using CrossAccountAnalyzers.CodeFixes.TrustPolicies;
using CrossAccountAnalyzers.Credentials;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.ExternalId;
using CrossAccountAnalyzers.Policies;
using CrossAccountAnalyzers.TrustPolicies;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CrossAccountAnalyzers.CodeFixes.ExternalId;

/// <summary>CXA1001: set the ExternalId from a value in scope, a new parameter, or configuration.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AssumeRoleWithoutExternalIdCodeFixProvider)), Shared]
public sealed class AssumeRoleWithoutExternalIdCodeFixProvider : ExternalIdCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AssumeRoleWithoutExternalId);
}
