using System.Collections.Immutable;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.Policies;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.TrustPolicies;

/// <summary>CXA3003 (off by default): a service principal trust with no aws:SourceArn, aws:SourceAccount or aws:SourceOrgID condition.</summary>
internal sealed class ServicePrincipalWithoutSourceConditionRule : CxaRule
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CXA3003_ServicePrincipalWithoutSourceCondition);

    protected internal override bool IsApplicable(AwsTypes types) => TrustPolicyReaders.IsApplicable(types);

    protected internal override void OnCompilationStart(RuleContext context, AwsTypes types)
    {
        var evaluator = HardCodedValueEvaluator.Get(context.Compilation);
        TrustPolicyReaders.Register(context, types, trust =>
        {
            foreach (var principal in trust.Statement.Principals)
            {
                if (TrustJudge.IsServiceWithoutSource(trust.Statement, principal))
                {
                    trust.Report(Diagnostic.Create(Descriptors.CXA3003_ServicePrincipalWithoutSourceCondition, principal.GetLocation(), principal.Name ?? ServiceName(principal, evaluator, trust.CancellationToken)));
                }
            }
        });
    }

    private static string ServiceName(TrustPrincipal principal, HardCodedValueEvaluator evaluator, System.Threading.CancellationToken cancellationToken)
    {
        var model = evaluator.SemanticModelFor(principal.Syntax);
        return model?.GetOperation(principal.Syntax, cancellationToken) is IObjectCreationOperation { Arguments.Length: > 0 } creation
               && evaluator.Evaluate(creation.Arguments[0].Value, cancellationToken) is { IsKnown: true, Values.Length: 1 } name && name.Values[0] is { } value
            ? value
            : "principal";
    }
}
