using System.Collections.Immutable;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.Web;
using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.ExternalId;

/// <summary>
/// CXA1004: an ExternalId sink whose value comes from what the caller of this service sends in the current request
/// (<see cref="RequestInputs"/>): the customer then chooses the ExternalId, and can choose another customer's. No fix:
/// the safe value is the one the vendor generated and stored for the authenticated tenant, which code cannot guess.
/// </summary>
internal sealed class ExternalIdChosenByCallerRule : CxaRule
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CXA1004_ExternalIdChosenByCaller);

    protected internal override bool IsApplicable(AwsTypes types) => types.HasAssumeRoleSinks;

    protected internal override void OnCompilationStart(RuleContext context, AwsTypes types)
    {
        var compilation = context.Compilation;
        ExternalIdSinks.Register(context, types, (c, value) =>
        {
            if (value.Values.IsKnown || value.Sink == "RoleProps.ExternalIds")
            {
                // Hard-coded (CXA1002's), or the trust side, which no request reaches.
                return;
            }

            if (RequestInputs.Trace(value.Value, compilation, c.CancellationToken) is { } input)
            {
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.CXA1004_ExternalIdChosenByCaller, value.Value.Syntax.GetLocation(), value.Sink, input));
            }
        });
    }
}
