using System.Collections.Immutable;
using CrossAccountAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers.TrustPolicies;

/// <summary>The trust and resource policy family: CXA3001 to CXA3005.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TrustPoliciesAnalyzer : FamilyAnalyzer
{
    internal override ImmutableArray<CxaRule> Rules { get; } = ImmutableArray.Create<CxaRule>(
        new RoleTrustsAccountWithoutExternalIdRule(),
        new RoleTrustsAnyPrincipalRule(),
        new ServicePrincipalWithoutSourceConditionRule(),
        new ResourcePolicyServiceWithoutSourceConditionRule(),
        new ResourcePolicyAllowsAnyPrincipalRule());
}
