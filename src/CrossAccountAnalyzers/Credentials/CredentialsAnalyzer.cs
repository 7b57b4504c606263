using System.Collections.Immutable;
using CrossAccountAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers.Credentials;

/// <summary>The long-lived credentials family: CXA2001 to CXA2004.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CredentialsAnalyzer : FamilyAnalyzer
{
    internal override ImmutableArray<CxaRule> Rules { get; } = ImmutableArray.Create<CxaRule>(
        new HardCodedClientCredentialsRule(),
        new HardCodedCredentialsObjectRule(),
        new AccessKeyIdInSourceRule(),
        new CredentialsInEnvironmentRule());
}
