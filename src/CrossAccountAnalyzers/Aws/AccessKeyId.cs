using System.Globalization;
using System.Text.RegularExpressions;

namespace CrossAccountAnalyzers.Aws;

/// <summary>
/// AWS access key IDs: finding them in text, masking them for messages, and reading the account that new-generation
/// key IDs encode.
/// </summary>
internal static class AccessKeyId
{
    /// <summary>An access key ID on word boundaries: AKIA (long-lived user key), ASIA (temporary STS key), ABIA, ACCA.</summary>
    public static readonly Regex Pattern = new(@"(?<![A-Za-z0-9_])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9_])", RegexOptions.CultureInvariant);

    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>True for exactly an access key ID (the whole value).</summary>
    public static bool IsKeyId(string? value) => value is { Length: 20 } && Pattern.IsMatch(value);

    /// <summary>The four prefixes of access key IDs.</summary>
    public static readonly string[] Prefixes = { "AKIA", "ASIA", "ABIA", "ACCA" };

    /// <summary>Quick pre-filter before running the regex.</summary>
    public static bool MayContainKeyId(string text)
    {
        if (text.Length < 20)
        {
            return false;
        }

        foreach (var prefix in Prefixes)
        {
            if (text.IndexOf(prefix, System.StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>AKIA************WXYZ</c>: the prefix and the last four characters, as AWS's own console shows them.</summary>
    public static string Mask(string keyId)
        => keyId.Length <= 8 ? new string('*', keyId.Length) : keyId.Substring(0, 4) + new string('*', keyId.Length - 8) + keyId.Substring(keyId.Length - 4);

    /// <summary>
    /// The 12-digit account that a new-generation key ID encodes, or null for old-generation keys.
    /// After the 4-character prefix, the ID is base32; the first bit of the fifth character marks the generation,
    /// and the next 40 bits are the account number (Tal Be'ery, "A short note on AWS KEY ID", 2023; WithSecure Labs,
    /// "A bitwise analysis of AWS access key identifiers", 2023). Example: ASIAY34FZKBOKMUTVV7A is account 609629065308.
    /// </summary>
    public static string? TryDecodeAccount(string keyId)
    {
        if (!IsKeyId(keyId))
        {
            return null;
        }

        // The first 10 base32 characters after the prefix carry 50 bits; we need bits 0..40.
        ulong bits = 0;
        for (var i = 4; i < 14; i++)
        {
            var value = Base32.IndexOf(keyId[i]);
            if (value < 0)
            {
                return null;
            }

            bits = (bits << 5) | (uint)value;
        }

        // 50 bits: [generation:1][account:40][rest:9]
        var newGeneration = (bits >> 49) & 1;
        if (newGeneration == 0)
        {
            return null;
        }

        var account = (bits >> 9) & 0xFF_FFFF_FFFFUL;
        return account > 999_999_999_999UL ? null : account.ToString("D12", CultureInfo.InvariantCulture);
    }
}
