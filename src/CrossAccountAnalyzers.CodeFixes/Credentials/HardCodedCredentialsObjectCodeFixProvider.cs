using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.Values;
using CrossAccountAnalyzers.Policies;
using CrossAccountAnalyzers.ExternalId;
using CrossAccountAnalyzers.Credentials;
using CrossAccountAnalyzers.TrustPolicies;
using CrossAccountAnalyzers.CodeFixes.Machinery;
using CrossAccountAnalyzers.CodeFixes.ExternalId;
using CrossAccountAnalyzers.CodeFixes.TrustPolicies;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CrossAccountAnalyzers.CodeFixes.Credentials;

/// <summary>CXA2002: the credentials object becomes the default credential chain, or temporary credentials from an STS AssumeRole.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HardCodedCredentialsObjectCodeFixProvider)), Shared]
public sealed class HardCodedCredentialsObjectCodeFixProvider : CredentialsCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.HardCodedCredentialsObject);
}
