using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.Credentials;

/// <summary>
/// Judges credential sinks (the shared logic of CXA2001-CXA2004): a sink is reported when one of its hard-coded
/// values is neither blank, nor a dummy word (<c>cxa_dummy_credentials</c>), nor an AWS documentation value
/// (<see cref="DocumentationCredentials"/>), and the credentials are not aimed at a local emulator
/// (<see cref="EmulatorContext"/>). A real value next to a dummy is still reported.
/// </summary>
internal static class CredentialJudge
{
    public static CredentialVerdict Judge(CredentialSink sink, AwsTypes types, HardCodedValueEvaluator evaluator, ImmutableArray<string> dummies, CancellationToken cancellationToken)
    {
        var real = false;
        string? keyId = null;
        foreach (var value in sink.Values)
        {
            var values = evaluator.Evaluate(value.Value, cancellationToken);
            if (!values.IsKnown || values.IsNullOrWhiteSpaceOnly)
            {
                continue;
            }

            foreach (var v in values.Values)
            {
                if (!string.IsNullOrWhiteSpace(v) && !IsDummy(v!, value.Role, dummies))
                {
                    real = true;
                    if (value.Role == CredentialRole.AccessKeyId && AccessKeyId.IsKeyId(v!.Trim()))
                    {
                        keyId ??= v.Trim();
                    }
                }
            }
        }

        if (!real)
        {
            return default;
        }

        if (EmulatorContext.TargetsEmulator(sink, types, evaluator, cancellationToken))
        {
            return default;
        }

        return new CredentialVerdict(report: true, keyId);
    }

    /// <summary>
    /// CXA2004: true when <paramref name="value"/> is hard-coded and one of its possible values is neither blank nor a
    /// dummy nor a documentation value for <paramref name="role"/>; <paramref name="keyId"/> is the first such value
    /// that is an access key ID.
    /// </summary>
    public static bool IsHardCodedSecret(IOperation value, CredentialRole role, HardCodedValueEvaluator evaluator, ImmutableArray<string> dummies, CancellationToken cancellationToken, out string? keyId)
    {
        keyId = null;
        var values = evaluator.Evaluate(value, cancellationToken);
        if (!values.IsKnown || values.IsNullOrWhiteSpaceOnly)
        {
            return false;
        }

        var real = values.Values.Where(v => !string.IsNullOrWhiteSpace(v) && !IsDummy(v!, role, dummies)).ToArray();
        keyId = real.Select(v => v!.Trim()).FirstOrDefault(AccessKeyId.IsKeyId);
        return real.Length > 0;
    }

    /// <summary>A dummy word (<c>test</c>, <c>FakeAccessKey</c>, ...) or AWS's documentation value for the part of the credential it is.</summary>
    public static bool IsDummy(string value, CredentialRole role, ImmutableArray<string> dummies)
        => CxaOptions.IsDummyCredential(value, dummies) || role switch
        {
            CredentialRole.AccessKeyId => DocumentationCredentials.IsKeyId(value),
            CredentialRole.SecretAccessKey => DocumentationCredentials.IsSecret(value),
            _ => DocumentationCredentials.IsSessionToken(value),
        };
}
