using System.Text.RegularExpressions;

namespace CrossAccountAnalyzers.Cli.Analysis;

/// <summary>
/// Everything the tool prints passes through here. The analyzers' messages are already masked; this is the second
/// belt: a full access key ID becomes <c>AKIA************WXYZ</c>. The tool never prints source text.
/// </summary>
internal static class Masking
{
    private static readonly Regex KeyId = new(@"(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public static string Mask(string text) =>
        text is null ? string.Empty : KeyId.Replace(text, m => string.Concat(m.Value.AsSpan(0, 4), new string('*', 12), m.Value.AsSpan(16, 4)));
}
