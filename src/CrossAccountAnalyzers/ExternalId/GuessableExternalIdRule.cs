using System.Collections.Immutable;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.TrustPolicies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.ExternalId;

/// <summary>
/// CXA1005: an ExternalId that others can guess (<see cref="GuessableExternalIds"/>): the customer's account ID, the role
/// ARN or part of it, a documentation placeholder; in every sink, CDK <c>RoleProps.ExternalIds</c>, the
/// <c>sts:ExternalId</c> conditions of trust policies (<see cref="GuessableTrustConditions"/>), and CDK
/// <c>PolicyStatement.AddAccountCondition</c>, which writes <c>sts:ExternalId = &lt;account id&gt;</c>.
/// </summary>
internal sealed class GuessableExternalIdRule : CxaRule
{
    private const string PolicyStatement = AwsTypes.CdkIam + "PolicyStatement";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CXA1005_GuessableExternalId);

    protected internal override bool IsApplicable(AwsTypes types) => ExternalIdSinks.Any(types) || TrustPolicyReaders.IsApplicable(types);

    protected internal override void OnCompilationStart(RuleContext context, AwsTypes types)
    {
        if (ExternalIdSinks.Any(types))
        {
            ExternalIdSinks.Register(context, types, (c, value) =>
            {
                if (value.Values.IsNullOrEmptyOnly)
                {
                    return;
                }

                if (GuessableExternalIds.Judge(value, c.CancellationToken) is { } reason)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.CXA1005_GuessableExternalId, value.Value.Syntax.GetLocation(), value.Sink, reason));
                }
            });
        }

        if (types.HasCdk)
        {
            // statement.AddAccountCondition(accountId): sts:ExternalId = the account, whatever the argument.
            context.OnNamedOperation(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    if (invocation.TargetMethod.ContainingType?.ToDisplayString() == PolicyStatement && !invocation.Syntax.ContainsDiagnostics)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.CXA1005_GuessableExternalId,
                            invocation.Syntax.GetLocation(),
                            "PolicyStatement.AddAccountCondition (it writes the condition sts:ExternalId)",
                            "the AWS account ID it is given"));
                    }
                },
                OperationKind.Invocation,
                "AddAccountCondition");
        }

        if (TrustPolicyReaders.IsApplicable(types))
        {
            GuessableTrustConditions.Register(context, types);
        }
    }
}
