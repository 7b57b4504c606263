using System.Collections.Immutable;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.ExternalId;

/// <summary>CXA1002: an ExternalId sink given a hard-coded value (the same for every customer).</summary>
internal sealed class ConstantExternalIdRule : CxaRule
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CXA1002_ConstantExternalId);

    protected internal override bool IsApplicable(AwsTypes types) => ExternalIdSinks.Any(types);

    protected internal override void OnCompilationStart(RuleContext context, AwsTypes types)
        => ExternalIdSinks.Register(context, types, (c, value) =>
        {
            if (value.Values.IsNullOrEmptyOnly)
            {
                // null or "" is "not set": CXA1001's business.
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(ExternalIdFix.FixKindProperty, nameof(ExternalIdFixKind.ReplaceValue));
            var syntax = value.Value.Syntax;
            c.ReportDiagnostic(Diagnostic.Create(Descriptors.CXA1002_ConstantExternalId, syntax.GetLocation(), new[] { syntax.GetLocation() }, properties, value.Sink));
        });
}
