using System.Collections.Immutable;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.ExternalId;

/// <summary>
/// CXA1002: an ExternalId sink given a hard-coded value (the same for every customer). Where the constant is also
/// guessable (a documentation placeholder, an account ID, an ARN: <see cref="GuessableExternalIds"/>), CXA1005 is the
/// more specific finding and reports it instead, so each spot has one diagnostic; when CXA1005 is off, CXA1002 reports it.
/// </summary>
internal sealed class ConstantExternalIdRule : CxaRule
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CXA1002_ConstantExternalId);

    protected internal override bool IsApplicable(AwsTypes types) => ExternalIdSinks.Any(types);

    protected internal override void OnCompilationStart(RuleContext context, AwsTypes types)
    {
        var guessableIsOn = context.IsStarted(DiagnosticIds.GuessableExternalId);
        ExternalIdSinks.Register(context, types, (c, value) =>
        {
            if (!value.Values.IsKnown || value.Values.IsNullOrEmptyOnly)
            {
                // Not hard-coded; or null or "", which is "not set": CXA1001's business.
                return;
            }

            if (guessableIsOn && GuessableExternalIds.Judge(value, c.CancellationToken) is not null)
            {
                // A placeholder, an account ID or the role ARN: CXA1005 says so, more precisely, at the same spot.
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(ExternalIdFix.FixKindProperty, nameof(ExternalIdFixKind.ReplaceValue));
            var syntax = value.Value.Syntax;
            c.ReportDiagnostic(Diagnostic.Create(Descriptors.CXA1002_ConstantExternalId, syntax.GetLocation(), new[] { syntax.GetLocation() }, properties, value.Sink));
        });
    }
}
