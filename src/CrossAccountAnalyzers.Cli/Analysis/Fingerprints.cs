using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CrossAccountAnalyzers.Cli.Analysis;

/// <summary>
/// A finding's fingerprint is its rule, its file and the flagged code with layout removed (C# tokens joined by one
/// space; other files' whitespace collapsed), plus its ordinal among identical findings in that file. No line number:
/// it survives lines inserted above and reformatting, and a second identical finding is a new one. Only hashes are
/// kept, never the code (which may hold a secret).
/// </summary>
internal static class Fingerprints
{
    public static string CodeKey(SyntaxTree? tree, SourceText text, TextSpan span)
    {
        if (tree is not null)
        {
            var root = tree.GetRoot();
            var tokens = root.DescendantTokens(span).Where(t => t.Span.IntersectsWith(span) || (span.IsEmpty && t.Span.Contains(span.Start)));
            var joined = string.Join(" ", tokens.Select(t => t.Text));
            if (joined.Length > 0)
            {
                return Hash(joined);
            }
        }

        var raw = span.End <= text.Length ? text.ToString(span) : string.Empty;
        return Hash(string.Join(" ", raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>Sets <see cref="Finding.Fingerprint"/> on findings already in their final order.</summary>
    public static void Assign(IReadOnlyList<Finding> ordered)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in ordered)
        {
            var key = f.RuleId + "\n" + f.File + "\n" + f.CodeKey;
            seen.TryGetValue(key, out var ordinal);
            seen[key] = ordinal + 1;
            f.Fingerprint = Hash(key + "\n" + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture)).Substring(0, 32);
        }
    }

    public static string Hash(string s)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(s));
        return Convert.ToHexString(bytes).ToLowerInvariant();
    }
}
