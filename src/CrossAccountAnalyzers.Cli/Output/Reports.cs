using System.Text;
using System.Text.Json;
using CrossAccountAnalyzers.Cli.Analysis;
using CrossAccountAnalyzers.Cli.Rules;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CrossAccountAnalyzers.Cli.Output;

/// <summary>What is reported: the scan, and which of its findings are new against a baseline (all when there is none).</summary>
internal sealed record Report(ScanResult Scan, IReadOnlyList<Finding> Reported, int Baselined, RuleCatalog Catalog, string ToolVersion);

internal static class TextReport
{
    public static void Write(Report report, IAnsiConsole console)
    {
        var scan = report.Scan;
        var projects = new Table().Title("Projects").AddColumns("Project", "Mode", "Files", "Notes");
        foreach (var p in scan.Projects)
        {
            projects.AddRow(Esc(p.Path), p.Mode, p.Files.ToString(System.Globalization.CultureInfo.InvariantCulture), Esc(string.Join("; ", p.Notes)));
        }

        console.Write(projects);

        var byRule = report.Reported.GroupBy(f => f.RuleId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var rules = new Table().Title("Findings by rule").AddColumns("Rule", "Title", "Default severity", "Findings");
        foreach (var rule in report.Catalog.Rules)
        {
            byRule.TryGetValue(rule.Id, out var count);
            var notRun = scan.Projects.Where(p => p.RulesNotRun.Contains(rule.Id)).Select(p => p.Path).ToList();
            rules.AddRow(
                new Markup(Esc(rule.Id)),
                new Markup(Esc(rule.Title)),
                new Markup(Esc(Finding.Level(rule.DefaultSeverity)) + (rule.EnabledByDefault ? string.Empty : " (off by default)")),
                new Markup(count.ToString(System.Globalization.CultureInfo.InvariantCulture) + (notRun.Count > 0 ? " [yellow](could not run in " + Esc(string.Join(", ", notRun)) + ": no AWS references)[/]" : string.Empty)));
        }

        console.Write(rules);

        foreach (var file in report.Reported.GroupBy(f => f.File))
        {
            console.WriteLine();
            console.MarkupLine("[bold]" + Esc(file.Key) + "[/]");
            var table = new Table().NoBorder().HideHeaders().AddColumns("Where", "Level", "Rule", "Message");
            foreach (var f in file)
            {
                table.AddRow(
                    new Text($"{f.StartLine}:{f.StartColumn}"),
                    new Markup(Color(f.Severity) + Esc(Finding.Level(f.Severity)) + "[/]"),
                    new Text(f.RuleId),
                    new Text(Masking.Mask(f.Message)));
            }

            console.Write(table);
        }

        console.WriteLine();
        foreach (var note in scan.Notes)
        {
            console.MarkupLine("[grey]note: " + Esc(note) + "[/]");
        }

        console.WriteLine(Summary(report));
    }

    public static string Summary(Report report)
    {
        var s = $"{report.Reported.Count} finding(s) in {report.Scan.Projects.Count} project(s)";
        if (report.Baselined > 0)
        {
            s += $", {report.Baselined} more in the baseline";
        }

        if (report.Scan.Errors.Count > 0)
        {
            s += $", {report.Scan.Errors.Count} load error(s)";
        }

        return s;
    }

    private static string Color(Microsoft.CodeAnalysis.DiagnosticSeverity s) => s switch
    {
        Microsoft.CodeAnalysis.DiagnosticSeverity.Error => "[red]",
        Microsoft.CodeAnalysis.DiagnosticSeverity.Warning => "[yellow]",
        _ => "[blue]",
    };

    private static string Esc(string s) => Markup.Escape(Masking.Mask(s));
}

internal static class JsonReport
{
    public static string Write(Report report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("tool", "cxa");
            w.WriteString("version", report.ToolVersion);
            w.WriteString("root", report.Scan.Root);
            w.WriteStartArray("projects");
            foreach (var p in report.Scan.Projects)
            {
                w.WriteStartObject();
                w.WriteString("path", p.Path);
                w.WriteString("mode", p.Mode);
                w.WriteNumber("files", p.Files);
                WriteStrings(w, "notes", p.Notes);
                WriteStrings(w, "rulesNotRun", p.RulesNotRun);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("findings");
            foreach (var f in report.Reported)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", f.RuleId);
                w.WriteString("level", Finding.Level(f.Severity));
                w.WriteString("message", Masking.Mask(f.Message));
                w.WriteString("file", f.File);
                w.WriteNumber("startLine", f.StartLine);
                w.WriteNumber("startColumn", f.StartColumn);
                w.WriteNumber("endLine", f.EndLine);
                w.WriteNumber("endColumn", f.EndColumn);
                w.WriteString("project", f.Project);
                w.WriteString("fingerprint", f.Fingerprint);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("baselined", report.Baselined);
            WriteStrings(w, "errors", report.Scan.Errors.Select(e => e.ToString()));
            WriteStrings(w, "notes", report.Scan.Notes.Select(Masking.Mask));
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(Masking.Mask(v));
        }

        w.WriteEndArray();
    }
}

/// <summary>One SARIF 2.1.0 log for the whole scan: rules with help links and CWE tags, results with regions relative to the scanned root (uriBaseId SRCROOT) and partialFingerprints.</summary>
internal static class SarifReport
{
    public const string FingerprintKey = "cxaFingerprint/v1";
    internal static readonly char[] separator = new[] { ' ', '-', '\'', ',', '.', '(', ')' };

    public static string Write(Report report)
    {
        var rules = report.Catalog.Rules;
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();

            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", "cxa");
            w.WriteString("fullName", "CrossAccountAnalyzers command-line tool");
            w.WriteString("version", report.ToolVersion);
            w.WriteString("semanticVersion", report.ToolVersion);
            w.WriteString("informationUri", "https://github.com/crossaccountanalyzers/CrossAccountAnalyzers");
            w.WriteStartArray("rules");
            foreach (var r in rules)
            {
                w.WriteStartObject();
                w.WriteString("id", r.Id);
                w.WriteString("name", PascalName(r.Title));
                w.WriteStartObject("shortDescription");
                w.WriteString("text", Masking.Mask(r.Title));
                w.WriteEndObject();
                w.WriteStartObject("fullDescription");
                w.WriteString("text", Masking.Mask(r.Description.Length > 0 ? r.Description : r.Title));
                w.WriteEndObject();
                if (r.HelpLink.Length > 0)
                {
                    w.WriteString("helpUri", r.HelpLink);
                    w.WriteStartObject("help");
                    w.WriteString("text", "See " + r.HelpLink);
                    w.WriteEndObject();
                }

                w.WriteStartObject("defaultConfiguration");
                w.WriteString("level", Finding.Level(r.DefaultSeverity));
                w.WriteBoolean("enabled", r.EnabledByDefault);
                w.WriteEndObject();
                w.WriteStartObject("properties");
                w.WriteString("category", "Security");
                w.WriteStartArray("tags");
                w.WriteStringValue("security");
                foreach (var t in r.Tags.Where(t => t.StartsWith("CWE-", StringComparison.OrdinalIgnoreCase)))
                {
                    w.WriteStringValue(t);
                    w.WriteStringValue("external/cwe/" + t.ToLowerInvariant());
                }

                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartArray("invocations");
            w.WriteStartObject();
            w.WriteBoolean("executionSuccessful", report.Scan.Errors.Count == 0);
            w.WriteStartArray("toolExecutionNotifications");
            foreach (var e in report.Scan.Errors)
            {
                w.WriteStartObject();
                w.WriteString("level", "error");
                w.WriteStartObject("message");
                w.WriteString("text", e.ToString());
                w.WriteEndObject();
                w.WriteEndObject();
            }

            foreach (var p in report.Scan.Projects)
            {
                w.WriteStartObject();
                w.WriteString("level", "note");
                w.WriteStartObject("message");
                w.WriteString("text", Masking.Mask($"{p.Path}: {p.Mode} mode; {string.Join("; ", p.Notes)}" + (p.RulesNotRun.Count > 0 ? "; rules that could not run: " + string.Join(", ", p.RulesNotRun) : string.Empty)));
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();

            w.WriteStartObject("originalUriBaseIds");
            w.WriteStartObject("SRCROOT");
            w.WriteString("uri", new Uri(report.Scan.Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).AbsoluteUri);
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartArray("results");
            foreach (var f in report.Reported)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", f.RuleId);
                if (index.TryGetValue(f.RuleId, out var ri))
                {
                    w.WriteNumber("ruleIndex", ri);
                }

                w.WriteString("level", Finding.Level(f.Severity));
                w.WriteStartObject("message");
                w.WriteString("text", Masking.Mask(f.Message));
                w.WriteEndObject();
                w.WriteStartArray("locations");
                w.WriteStartObject();
                w.WriteStartObject("physicalLocation");
                w.WriteStartObject("artifactLocation");
                w.WriteString("uri", RelativeUri(f.File));
                w.WriteString("uriBaseId", "SRCROOT");
                w.WriteEndObject();
                w.WriteStartObject("region");
                w.WriteNumber("startLine", f.StartLine);
                w.WriteNumber("startColumn", f.StartColumn);
                w.WriteNumber("endLine", f.EndLine);
                w.WriteNumber("endColumn", f.EndColumn);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartObject("partialFingerprints");
                w.WriteString(FingerprintKey, f.Fingerprint);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("columnKind", "utf16CodeUnits");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string RelativeUri(string relative) => string.Join("/", relative.Split('/').Select(Uri.EscapeDataString));

    private static string PascalName(string title)
    {
        var sb = new StringBuilder();
        foreach (var word in title.Split(separator, StringSplitOptions.RemoveEmptyEntries))
        {
            sb.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        }

        return sb.ToString();
    }
}

internal static class RenderableExtensions
{
    public static Table AddColumns(this Table table, params string[] names)
    {
        foreach (var n in names)
        {
            table.AddColumn(new TableColumn(n));
        }

        return table;
    }

    public static IRenderable Plain(string s) => new Text(s);
}
