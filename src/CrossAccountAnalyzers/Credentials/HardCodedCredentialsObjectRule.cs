using System;
using System.Collections.Immutable;
using System.Threading;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.Credentials;

/// <summary>
/// CXA2002: hard-coded keys in <c>BasicAWSCredentials</c>, <c>SessionAWSCredentials</c>, <c>ImmutableCredentials</c>,
/// STS <c>Credentials</c>, <c>CredentialProfileOptions</c>, and the v3 <c>ProfileManager.RegisterProfile</c> /
/// <c>AWSCredentialsProfile.Persist</c>.
/// </summary>
internal sealed class HardCodedCredentialsObjectRule : CxaRule
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CXA2002_HardCodedCredentialsObject);

    protected internal override bool IsApplicable(AwsTypes types) => types.AWSCredentials is not null || types.ImmutableCredentials is not null;

    protected internal override void OnCompilationStart(RuleContext context, AwsTypes types)
    {
        var evaluator = HardCodedValueEvaluator.Get(context.Compilation);

        context.OnCreationOf(
            c =>
            {
                var creation = (IObjectCreationOperation)c.Operation;
                if (creation.Constructor is not null && types.IsCredentialsObject(creation.Type) && !CodeShapes.IsBeingTyped(creation.Syntax))
                {
                    Judge(CredentialSink.FromCreation(creation, types), c.Options, c.ReportDiagnostic, types, evaluator, c.CancellationToken);
                }
            },
            types.BasicAWSCredentials,
            types.SessionAWSCredentials,
            types.ImmutableCredentials,
            types.StsCredentials);

        // A credentials object whose overload resolution failed on an argument that does not bind.
        context.OnOperation(
            c =>
            {
                if (UnresolvedCreation.TryRead(c.Operation, c.CancellationToken) is { } creation && types.IsCredentialsObject(creation.Type))
                {
                    Judge(CredentialSink.FromUnresolvedCreation(creation, types), c.Options, c.ReportDiagnostic, types, evaluator, c.CancellationToken);
                }
            },
            OperationKind.Invalid);

        if (types.ProfileManager is not null || types.AWSCredentialsProfile is not null)
        {
            context.OnNamedOperation(c => Judge(CredentialSink.FromInvocation((IInvocationOperation)c.Operation, types), c.Options, c.ReportDiagnostic, types, evaluator, c.CancellationToken), OperationKind.Invocation, "RegisterProfile", "Persist");
        }

        if (types.CredentialProfileOptions is not null)
        {
            context.OnNamedOperation(c => Judge(CredentialSink.FromAssignment((ISimpleAssignmentOperation)c.Operation, types), c.Options, c.ReportDiagnostic, types, evaluator, c.CancellationToken), OperationKind.SimpleAssignment, "AccessKey", "SecretKey", "Token");
        }
    }

    private static void Judge(CredentialSink? sink, AnalyzerOptions options, Action<Diagnostic> report, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        if (sink is null)
        {
            return;
        }

        var verdict = CredentialJudge.Judge(sink, types, evaluator, CxaOptions.GetDummyCredentials(options, sink.Operation.Syntax.SyntaxTree), cancellationToken);
        if (verdict.Report)
        {
            report(CredentialDiagnostics.Create(Descriptors.CXA2002_HardCodedCredentialsObject, sink, verdict));
        }
    }
}
