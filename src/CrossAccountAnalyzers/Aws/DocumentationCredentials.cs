using System;

namespace CrossAccountAnalyzers.Aws;

/// <summary>
/// The credentials AWS publishes in its documentation and test suites: dummies for every rule. The pairs are
/// <c>AKIAIOSFODNN7EXAMPLE</c> / <c>wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY</c> (the IAM and CLI guides) and
/// <c>AKIDEXAMPLE</c> / <c>wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY</c> (the Signature Version 4 test suite); any key
/// ID ending in <c>EXAMPLE</c> and any secret ending in <c>EXAMPLEKEY</c> are treated the same way. The suffixes are
/// compared exactly (upper case), as AWS writes them.
/// </summary>
internal static class DocumentationCredentials
{
    /// <summary>How AWS's example key IDs end.</summary>
    public const string KeyIdSuffix = "EXAMPLE";

    /// <summary>How AWS's example secret access keys end.</summary>
    public const string SecretSuffix = "EXAMPLEKEY";

    /// <summary>True for a documentation access key ID (<c>AKIAIOSFODNN7EXAMPLE</c>, <c>AKIDEXAMPLE</c>, ...).</summary>
    public static bool IsKeyId(string value) => value.Trim().EndsWith(KeyIdSuffix, StringComparison.Ordinal);

    /// <summary>True for a documentation secret access key (<c>wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY</c>, ...).</summary>
    public static bool IsSecret(string value) => value.Trim().EndsWith(SecretSuffix, StringComparison.Ordinal);

    /// <summary>
    /// True for a documentation session token: AWS's example tokens carry <c>EXAMPLE</c> in their text
    /// (<c>AQoDYXdzEJr...EXAMPLE...</c>), and a real token never does (it is base64 of binary data, not a word).
    /// </summary>
    public static bool IsSessionToken(string value) => value.IndexOf(KeyIdSuffix, StringComparison.Ordinal) >= 0;
}
