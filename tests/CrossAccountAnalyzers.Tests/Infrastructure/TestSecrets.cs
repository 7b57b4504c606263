using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace CrossAccountAnalyzers.Tests.Infrastructure;

/// <summary>
/// The credentials the tests write into their inputs. None is real. Every diagnostic message the suite produces is
/// checked against all of them (<see cref="AssertNoSecretIn"/>): a message may show a masked key ID, never a secret
/// access key, a session token or a full key ID.
/// </summary>
public static class TestSecrets
{
    /// <summary>New-generation key ID encoding account 111122223333.</summary>
    public const string KeyId = "AKIARTX3GSDS7FJONNBY";

    /// <summary>Temporary key ID published with its account (609629065308) by Aidan Steele and Tal Be'ery.</summary>
    public const string TemporaryKeyId = "ASIAY34FZKBOKMUTVV7A";

    /// <summary>Old-generation key ID: the account cannot be read from it.</summary>
    public const string OldKeyId = "AKIAJ5Q6Z3X4C2V7B2N4";

    public const string SecretKey = "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";

    public const string SessionToken = "FwoGZXIvYXdzEJr//////////wEaDHRlc3RzZXNzaW9udG9rZW4=";

    public static IReadOnlyList<string> All { get; } = new[] { KeyId, TemporaryKeyId, OldKeyId, SecretKey, SessionToken };

    private static readonly Regex FullKeyId = new("(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}");

    /// <summary>Fails when <paramref name="message"/> contains a secret, a token or a full (unmasked) key ID.</summary>
    public static void AssertNoSecretIn(string message)
    {
        foreach (var secret in All)
        {
            if (message.Contains(secret))
            {
                throw new Xunit.Sdk.XunitException("A diagnostic message prints a secret: " + message);
            }
        }

        var match = FullKeyId.Match(message);
        if (match.Success && !match.Value.EndsWith("EXAMPLE"))
        {
            throw new Xunit.Sdk.XunitException("A diagnostic message prints a full access key ID: " + message);
        }
    }
}
