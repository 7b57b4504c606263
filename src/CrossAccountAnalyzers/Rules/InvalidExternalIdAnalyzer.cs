using System.Collections.Immutable;
using CrossAccountAnalyzers.Aws;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers.Rules;

/// <summary>
/// CXA1003: a hard-coded ExternalId that STS rejects. A literal written straight into <c>AssumeRoleRequest.ExternalId</c>
/// is left to the AWS SDK's own analyzer (SecurityTokenService1000-1002), so it is never reported twice.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidExternalIdAnalyzer : CrossAccountAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CXA1003_InvalidExternalId);

    protected override bool IsApplicable(AwsTypes types) => ExternalIdSinks.Any(types);

    protected override void OnCompilationStart(CompilationStartAnalysisContext context, AwsTypes types)
        => ExternalIdSinks.Register(context, types, (c, value) =>
        {
            if (value.IsStsRequest && value.IsLiteral)
            {
                return;
            }

            if (ExternalIdSinks.RejectionReason(value.Values.Values) is { } reason)
            {
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.CXA1003_InvalidExternalId, value.Value.Syntax.GetLocation(), value.Sink, reason));
            }
        });
}
