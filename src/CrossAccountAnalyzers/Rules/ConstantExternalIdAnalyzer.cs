using System.Collections.Immutable;
using CrossAccountAnalyzers.Analysis;
using CrossAccountAnalyzers.Aws;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers.Rules;

/// <summary>CXA1002: an ExternalId sink given a hard-coded value (the same for every customer).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Exported through CrossAccountRulesAnalyzer (ExportedAnalyzers.cs); RuleHostTests checks that every rule is hosted once.")]
public sealed class ConstantExternalIdAnalyzer : CrossAccountAnalyzer
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
