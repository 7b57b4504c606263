using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CrossAccountAnalyzers.CodeFixes.Credentials;

/// <summary>CXA2001: the client uses the default credential chain, or temporary credentials from an STS AssumeRole.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HardCodedClientCredentialsCodeFixProvider)), Shared]
public sealed class HardCodedClientCredentialsCodeFixProvider : CredentialsCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.HardCodedClientCredentials);
}
