using System.Collections.Immutable;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.TrustPolicies;

/// <summary>CXA3002: <c>AnyPrincipal</c>, <c>StarPrincipal</c> or <c>ArnPrincipal("*")</c> may assume the role with nothing that narrows it.</summary>
internal sealed class RoleTrustsAnyPrincipalRule : CxaRule
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CXA3002_RoleTrustsAnyPrincipal);

    protected internal override bool IsApplicable(AwsTypes types) => TrustPolicyReaders.IsApplicable(types);

    protected internal override void OnCompilationStart(RuleContext context, AwsTypes types)
        => TrustPolicyReaders.Register(context, types, trust =>
        {
            foreach (var principal in trust.Statement.Principals)
            {
                if (TrustJudge.IsAnyWithoutNarrowing(trust.Statement, principal))
                {
                    trust.Report(Diagnostic.Create(Descriptors.CXA3002_RoleTrustsAnyPrincipal, principal.GetLocation(), TrustPolicyReaders.Describe(principal)));
                }
            }
        });
}
