using System.Text.Json;

namespace CrossAccountAnalyzers.Cli.Analysis;

/// <summary>
/// A baseline: the fingerprints of today's findings (hashes only, never code). <c>cxa scan --baseline</c> reports
/// the findings whose fingerprint is not in it. Fingerprints carry their ordinal among identical findings in a file, so
/// a second identical finding is new.
/// </summary>
internal static class Baseline
{
    public static void Write(string path, IEnumerable<Finding> findings, string version)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("version", 1);
        w.WriteString("tool", "cxa " + version);
        w.WriteStartArray("findings");
        foreach (var f in findings)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", f.RuleId);
            w.WriteString("file", f.File);
            w.WriteString("fingerprint", f.Fingerprint);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Reads a baseline's fingerprints; throws <see cref="Discovery.UsageException"/> when the file is not one.</summary>
    public static HashSet<string> Read(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in doc.RootElement.GetProperty("findings").EnumerateArray())
            {
                set.Add(f.GetProperty("fingerprint").GetString() ?? string.Empty);
            }

            return set;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new Discovery.UsageException($"the baseline '{path}' cannot be read ({e.Message})");
        }
    }
}
