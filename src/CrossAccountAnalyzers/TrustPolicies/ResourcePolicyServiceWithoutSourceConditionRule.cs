using System.Collections.Immutable;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.TrustPolicies;

/// <summary>
/// CXA3004: a resource-policy statement lets a service of <see cref="SourceConditionServices"/> act on the resource
/// with no aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths condition.
/// </summary>
internal sealed class ResourcePolicyServiceWithoutSourceConditionRule : CxaRule
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CXA3004_ResourcePolicyServiceWithoutSourceCondition);

    protected internal override bool IsApplicable(AwsTypes types) => ResourcePolicyReaders.IsApplicable(types);

    protected internal override void OnCompilationStart(RuleContext context, AwsTypes types)
        => ResourcePolicyReaders.Register(context, types, resource =>
        {
            foreach (var principal in resource.Statement.Principals)
            {
                if (ResourceJudge.ServiceWithoutSource(resource.Statement, principal) is { } service)
                {
                    // The fix adds aws:SourceAccount, so it is offered only where AWS documents that key for the service.
                    resource.Report(ResourcePolicyReaders.Create(
                        Descriptors.CXA3004_ResourcePolicyServiceWithoutSourceCondition,
                        principal,
                        resource,
                        withFix: service.SourceAccountDocumented,
                        service.Principal,
                        WhatToAdd(service)));
                }
            }
        });

    /// <summary>The message's advice: aws:SourceArn with the source's ARN, and aws:SourceAccount where that ARN holds no account.</summary>
    internal static string WhatToAdd(SourceConditionService service)
        => service.SourceArnHoldsAccount
            ? "an aws:SourceArn condition with the " + service.Source + "'s ARN"
            : "an aws:SourceArn condition with the " + service.Source + "'s ARN and an aws:SourceAccount condition (a bucket ARN holds no account)";
}
