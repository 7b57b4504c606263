using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CrossAccountAnalyzers.CodeFixes.Credentials;

/// <summary>CXA2002: the credentials object becomes the default credential chain, or temporary credentials from an STS AssumeRole.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HardCodedCredentialsObjectCodeFixProvider)), Shared]
public sealed class HardCodedCredentialsObjectCodeFixProvider : CredentialsCodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.HardCodedCredentialsObject);
}
