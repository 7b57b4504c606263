using Microsoft.CodeAnalysis.Text;

namespace CrossAccountAnalyzers.Analysis;

/// <summary>
/// Whether a source text contains any of a few short needles, read in chunks without turning the file into a string:
/// the per-file pre-filter that lets string rules skip every file that cannot hold what they look for. A rule that
/// registered a callback per string literal would instead make the driver walk every node of every file for it.
/// </summary>
public static class SourceTextSearch
{
    private const int ChunkSize = 4096;

    /// <summary>Escapes that could spell a needle without writing it: add them to the needles so that such a file is always read in full.</summary>
    public static readonly string[] Escapes = { "\\u", "\\U", "\\x" };

    public static bool ContainsAny(SourceText text, string[] needles)
    {
        var longest = 1;
        foreach (var needle in needles)
        {
            longest = System.Math.Max(longest, needle.Length);
        }

        var overlap = longest - 1;
        var buffer = new char[ChunkSize + overlap];
        var kept = 0;
        for (var position = 0; position < text.Length; position += ChunkSize)
        {
            var count = System.Math.Min(ChunkSize, text.Length - position);
            text.CopyTo(position, buffer, kept, count);
            var length = kept + count;
            if (Find(buffer, length, needles))
            {
                return true;
            }

            // Keep the tail, so that a needle across two chunks is found.
            kept = System.Math.Min(overlap, length);
            System.Array.Copy(buffer, length - kept, buffer, 0, kept);
        }

        return false;
    }

    private static bool Find(char[] buffer, int length, string[] needles)
    {
        foreach (var needle in needles)
        {
            var first = needle[0];
            for (var i = 0; i + needle.Length <= length; i++)
            {
                if (buffer[i] != first)
                {
                    continue;
                }

                var j = 1;
                while (j < needle.Length && buffer[i + j] == needle[j])
                {
                    j++;
                }

                if (j == needle.Length)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
