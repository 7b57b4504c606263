using System.Collections.Immutable;
using CrossAccountAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers.ExternalId;

/// <summary>The ExternalId family: CXA1001 to CXA1005.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExternalIdAnalyzer : FamilyAnalyzer
{
    internal override ImmutableArray<CxaRule> Rules { get; } = ImmutableArray.Create<CxaRule>(
        new AssumeRoleWithoutExternalIdRule(),
        new ConstantExternalIdRule(),
        new InvalidExternalIdRule(),
        new ExternalIdChosenByCallerRule(),
        new GuessableExternalIdRule());
}
