using System.Collections.Immutable;
using CrossAccountAnalyzers.Analysis;
using CrossAccountAnalyzers.Aws;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers.Rules;

/// <summary>CXA3002: <c>AnyPrincipal</c>, <c>StarPrincipal</c> or <c>ArnPrincipal("*")</c> may assume the role with nothing that narrows it.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Exported through CrossAccountRulesAnalyzer (ExportedAnalyzers.cs); RuleHostTests checks that every rule is hosted once.")]
public sealed class RoleTrustsAnyPrincipalAnalyzer : CrossAccountAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CXA3002_TrustsAnyPrincipal);

    protected internal override bool IsApplicable(AwsTypes types) => TrustPolicyAnalysis.IsApplicable(types);

    protected internal override void OnCompilationStart(RuleContext context, AwsTypes types)
        => TrustPolicyAnalysis.Register(context, types, trust =>
        {
            foreach (var principal in trust.Statement.Principals)
            {
                if (TrustJudge.IsAnyWithoutNarrowing(trust.Statement, principal))
                {
                    trust.Report(Diagnostic.Create(Descriptors.CXA3002_TrustsAnyPrincipal, principal.GetLocation(), TrustPolicyAnalysis.Describe(principal)));
                }
            }
        });
}
