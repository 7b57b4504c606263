using System;
using System.Collections.Immutable;
using System.Linq;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
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
                if (name is not null && value is not null)
                {
                    Judge(name.Value, value.Value, invocation.Syntax, c.Options, c.ReportDiagnostic, evaluator, c.CancellationToken);
                }
            },
            OperationKind.Invocation,
            nameof(Environment.SetEnvironmentVariable));

        // A call whose overload resolution failed on an argument that does not bind (the target): the name and the value,
        // where every fitting overload takes them, decide (docs/partly-bound.md).
        context.OnOperation(
            c =>
            {
                if (UnresolvedCreation.TryReadCall(c.Operation, c.CancellationToken) is not { } call
                    || !SymbolEqualityComparer.Default.Equals(call.Type, environment)
                    || call.Fitting.Any(m => m.Name != nameof(Environment.SetEnvironmentVariable)))
                {
                    return;
                }

                IOperation? name = null;
                IOperation? value = null;
                for (var i = 0; i < call.Arguments.Length; i++)
                {
                    var parameters = call.ParametersAt(i).ToList();
                    if (parameters.Count == call.Fitting.Length && parameters.All(p => p.Name == "variable"))
                    {
                        name = call.Arguments[i];
                    }
                    else if (parameters.Count == call.Fitting.Length && parameters.All(p => p.Name == "value"))
                    {
                        value = call.Arguments[i];
                    }
                }

                if (name is not null && value is not null)
                {
                    Judge(name, value, call.Syntax, c.Options, c.ReportDiagnostic, evaluator, c.CancellationToken);
                }
            },
            OperationKind.Invalid);
    }

    private static void Judge(IOperation name, IOperation value, SyntaxNode call, AnalyzerOptions options, Action<Diagnostic> report, HardCodedValueEvaluator evaluator, System.Threading.CancellationToken cancellationToken)
    {
        var names = evaluator.Evaluate(name, cancellationToken);
        if (!names.IsKnown || names.Values.Length != 1 || names.Values[0] is not { } variable
            || !Variables.Contains(variable.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        var dummies = CxaOptions.GetDummyCredentials(options, call.SyntaxTree);
        var role = variable.Trim().ToUpperInvariant() switch
        {
            "AWS_ACCESS_KEY_ID" => CredentialRole.AccessKeyId,
            "AWS_SECRET_ACCESS_KEY" => CredentialRole.SecretAccessKey,
            _ => CredentialRole.SessionToken,
        };
        if (CredentialJudge.IsHardCodedSecret(value, role, evaluator, dummies, cancellationToken, out var keyId))
        {
            var suffix = keyId is null ? string.Empty : " (" + AccessKeyId.Mask(keyId) + ")";
            report(Diagnostic.Create(Descriptors.CXA2004_CredentialsInEnvironment, call.GetLocation(), variable.Trim().ToUpperInvariant(), suffix));
        }
    }
}
