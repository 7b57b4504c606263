using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.Cli.Analysis;

/// <summary>One reported diagnostic, with its path relative to the scanned root ('/' separators).</summary>
internal sealed record Finding(
    string RuleId,
    DiagnosticSeverity Severity,
    string Message,
    string File,
    int StartLine,
    int StartColumn,
    int EndLine,
    int EndColumn,
    string Project,
    string CodeKey)
{
    /// <summary>rule + file + normalised flagged code + the occurrence's ordinal among identical ones (set by <see cref="Fingerprints"/>).</summary>
    public string Fingerprint { get; set; } = string.Empty;

    public static int Compare(Finding a, Finding b)
    {
        var c = string.CompareOrdinal(a.File, b.File);
        if (c != 0)
        {
            return c;
        }

        c = a.StartLine.CompareTo(b.StartLine);
        if (c != 0)
        {
            return c;
        }

        c = a.StartColumn.CompareTo(b.StartColumn);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.RuleId, b.RuleId);
        if (c != 0)
        {
            return c;
        }

        c = a.EndLine.CompareTo(b.EndLine);
        if (c != 0)
        {
            return c;
        }

        c = a.EndColumn.CompareTo(b.EndColumn);
        return c != 0 ? c : string.CompareOrdinal(a.Message, b.Message);
    }

    public static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "note",
        _ => "none",
    };

    /// <summary>error 3, warning 2, note 1, none 0: for <c>--fail-on</c>.</summary>
    public static int Rank(string level) => level switch
    {
        "error" => 3,
        "warning" => 2,
        "note" => 1,
        _ => 0,
    };
}

/// <summary>What happened to one project: the mode it was compiled in and why, and what could not be done.</summary>
internal sealed class ProjectReport
{
    public ProjectReport(string name, string path)
    {
        Name = name;
        Path = path;
    }

    public string Name { get; }

    /// <summary>Relative to the scanned root.</summary>
    public string Path { get; }

    public string Mode { get; set; } = "source";

    public int Files { get; set; }

    public List<string> Notes { get; } = new();

    /// <summary>Rules that could not run here (no AWS reference could be had).</summary>
    public SortedSet<string> RulesNotRun { get; } = new(StringComparer.Ordinal);
}

/// <summary>A problem worth exit code 2: which input, what failed, what was done instead.</summary>
internal sealed record LoadError(string Subject, string What, string Instead)
{
    public override string ToString() => Masking.Mask($"{Subject}: {What}; {Instead}");
}
