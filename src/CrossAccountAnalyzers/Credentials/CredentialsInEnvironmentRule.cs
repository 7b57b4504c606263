using System;
using System.Collections.Immutable;
using System.Linq;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.Credentials;

/// <summary>CXA2004: <c>Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "...")</c> with a hard-coded value.</summary>
internal sealed class CredentialsInEnvironmentRule : CxaRule
{
    private static readonly ImmutableArray<string> Variables = ImmutableArray.Create("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CXA2004_CredentialsInEnvironment);

    protected internal override bool IsApplicable(AwsTypes types) => types.HasCore && types.Environment is not null;

    protected internal override void OnCompilationStart(RuleContext context, AwsTypes types)
    {
        var evaluator = HardCodedValueEvaluator.Get(context.Compilation);
        var environment = types.Environment!;
        context.OnNamedOperation(
            c =>
            {
                var invocation = (IInvocationOperation)c.Operation;
                var method = invocation.TargetMethod;
                if (method.Name != nameof(Environment.SetEnvironmentVariable) || !SymbolEqualityComparer.Default.Equals(method.ContainingType, environment))
                {
                    return;
                }

                var name = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "variable");
                var value = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "value");
                if (name is null || value is null)
                {
                    return;
                }

                var names = evaluator.Evaluate(name.Value, c.CancellationToken);
                if (!names.IsKnown || names.Values.Length != 1 || names.Values[0] is not { } variable
                    || !Variables.Contains(variable.Trim(), StringComparer.OrdinalIgnoreCase))
                {
                    return;
                }

                var dummies = CxaOptions.GetDummyCredentials(c.Options, invocation.Syntax.SyntaxTree);
                var role = variable.Trim().ToUpperInvariant() switch
                {
                    "AWS_ACCESS_KEY_ID" => CredentialRole.AccessKeyId,
                    "AWS_SECRET_ACCESS_KEY" => CredentialRole.SecretAccessKey,
                    _ => CredentialRole.SessionToken,
                };
                if (CredentialJudge.IsHardCodedSecret(value.Value, role, evaluator, dummies, c.CancellationToken, out var keyId))
                {
                    var suffix = keyId is null ? string.Empty : " (" + AccessKeyId.Mask(keyId) + ")";
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.CXA2004_CredentialsInEnvironment, invocation.Syntax.GetLocation(), variable.Trim().ToUpperInvariant(), suffix));
                }
            },
            OperationKind.Invocation,
            nameof(Environment.SetEnvironmentVariable));
    }
}
