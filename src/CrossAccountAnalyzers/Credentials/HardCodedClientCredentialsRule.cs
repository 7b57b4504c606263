using System.Collections.Immutable;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.Credentials;

/// <summary>CXA2001: hard-coded access keys passed to an AWS service client or <c>TransferUtility</c> constructor.</summary>
internal sealed class HardCodedClientCredentialsRule : CxaRule
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CXA2001_HardCodedClientCredentials);

    protected internal override bool IsApplicable(AwsTypes types) => types.AmazonServiceClient is not null;

    protected internal override void OnCompilationStart(RuleContext context, AwsTypes types)
    {
        var evaluator = HardCodedValueEvaluator.Get(context.Compilation);
        context.OnCreationOf(
            c =>
            {
                var creation = (IObjectCreationOperation)c.Operation;
                if (creation.Constructor is null || !types.IsClient(creation.Type) || CodeShapes.IsBeingTyped(creation.Syntax))
                {
                    return;
                }

                if (CredentialSink.FromCreation(creation, types) is { Kind: CredentialSinkKind.Client } sink)
                {
                    var verdict = CredentialJudge.Judge(sink, types, evaluator, CxaOptions.GetDummyCredentials(c.Options, creation.Syntax.SyntaxTree), c.CancellationToken);
                    if (verdict.Report)
                    {
                        c.ReportDiagnostic(CredentialDiagnostics.Create(Descriptors.CXA2001_HardCodedClientCredentials, sink, verdict));
                    }
                }
            },
            types.AmazonServiceClient,
            types.TransferUtility);

        // A client whose overload resolution failed on an argument that does not bind; only code with errors has these.
        context.OnOperation(
            c =>
            {
                if (UnresolvedCreation.TryRead(c.Operation, c.CancellationToken) is { } creation
                    && types.IsClient(creation.Type)
                    && CredentialSink.FromUnresolvedCreation(creation, types) is { Kind: CredentialSinkKind.Client } sink)
                {
                    var verdict = CredentialJudge.Judge(sink, types, evaluator, CxaOptions.GetDummyCredentials(c.Options, sink.Operation.Syntax.SyntaxTree), c.CancellationToken);
                    if (verdict.Report)
                    {
                        c.ReportDiagnostic(CredentialDiagnostics.Create(Descriptors.CXA2001_HardCodedClientCredentials, sink, verdict));
                    }
                }
            },
            OperationKind.Invalid);
    }
}
