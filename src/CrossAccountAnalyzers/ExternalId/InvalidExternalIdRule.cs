using System.Collections.Immutable;
using System.Linq;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.TrustPolicies;
using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.ExternalId;

/// <summary>
/// CXA1003: a hard-coded ExternalId that STS rejects. A literal written straight into <c>AssumeRoleRequest.ExternalId</c>
/// is left to the AWS SDK's own analyzer (SecurityTokenService1000-1002), so it is never reported twice.
/// </summary>
internal sealed class InvalidExternalIdRule : CxaRule
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CXA1003_InvalidExternalId);

    protected internal override bool IsApplicable(AwsTypes types) => ExternalIdSinks.Any(types) || TrustPolicyReaders.IsApplicable(types);

    protected internal override void OnCompilationStart(RuleContext context, AwsTypes types)
    {
        ExternalIdSinks.Register(context, types, (c, value) =>
        {
            if (!value.Values.IsKnown || (value.IsStsRequest && value.IsLiteral))
            {
                return;
            }

            if (ExternalIdSinks.RejectionReason(value.Values.Values) is { } reason)
            {
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.CXA1003_InvalidExternalId, value.Value.Syntax.GetLocation(), value.Sink, reason));
            }
        });

        // Trust policies: the sts:ExternalId values of their conditions (CDK principals' conditions and JSON).
        TrustPolicyReaders.Register(context, types, trust =>
        {
            foreach (var condition in trust.Statement.Conditions.Items.AddRange(trust.Statement.Principals.SelectMany(p => p.Conditions.Items)))
            {
                if (string.Equals(condition.Key, TrustJudge.ExternalIdKey, System.StringComparison.OrdinalIgnoreCase) && !condition.Values.IsDefault
                    && condition.Operator.IndexOf("Like", System.StringComparison.OrdinalIgnoreCase) < 0
                    && !condition.Values.Any(JsonTrustPolicyReader.IsTemplated)
                    && ExternalIdSinks.RejectionReason(condition.Values) is { } reason)
                {
                    var location = trust.Policy is { } policy
                        ? (condition.Span is { } span ? Location.Create(trust.Tree, span) : policy.Expression.GetLocation())
                        : condition.Syntax?.GetLocation();
                    if (location is not null)
                    {
                        trust.Report(Diagnostic.Create(Descriptors.CXA1003_InvalidExternalId, location, "the sts:ExternalId condition", reason));
                    }
                }
            }
        });
    }
}
