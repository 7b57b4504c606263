using System.Collections.Immutable;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.TrustPolicies;

/// <summary>CXA3005: a resource-policy statement allows <c>"*"</c>, <c>{"AWS": "*"}</c>, <c>AnyPrincipal</c> or <c>StarPrincipal</c> with nothing that narrows it.</summary>
internal sealed class ResourcePolicyAllowsAnyPrincipalRule : CxaRule
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CXA3005_ResourcePolicyAllowsAnyPrincipal);

    protected internal override bool IsApplicable(AwsTypes types) => ResourcePolicyReaders.IsApplicable(types);

    protected internal override void OnCompilationStart(RuleContext context, AwsTypes types)
        => ResourcePolicyReaders.Register(context, types, resource =>
        {
            foreach (var principal in resource.Statement.Principals)
            {
                if (ResourceJudge.IsAnyWithoutNarrowing(resource.Statement, principal))
                {
                    resource.Report(ResourcePolicyReaders.Create(Descriptors.CXA3005_ResourcePolicyAllowsAnyPrincipal, principal, resource, withFix: false, TrustPolicyReaders.Describe(principal)));
                }
            }
        });
}
