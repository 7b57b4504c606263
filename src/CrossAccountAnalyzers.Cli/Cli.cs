using System.CommandLine;
using CrossAccountAnalyzers.Cli.Analysis;
using CrossAccountAnalyzers.Cli.Discovery;
using CrossAccountAnalyzers.Cli.Fixing;
using CrossAccountAnalyzers.Cli.Output;
using CrossAccountAnalyzers.Cli.Rules;
using Spectre.Console;

namespace CrossAccountAnalyzers.Cli;

/// <summary>The command line (System.CommandLine). Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or load errors.</summary>
internal static class Cli
{
    public const int Clean = 0;
    public const int Findings = 1;
    public const int Failure = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var paths = new Argument<string[]>("path") { Description = "Folders, .sln/.slnx, .csproj or .cs files (default: the current folder).", Arity = ArgumentArity.ZeroOrMore };
        var mode = new Option<string>("--mode") { Description = "How projects are compiled: auto (build when the project loads without errors, else source), build (MSBuild), source (the .cs files against reference sets).", DefaultValueFactory = _ => "auto" };
        mode.AcceptOnlyFromAmong("auto", "build", "source");
        var noRestore = new Option<bool>("--no-restore") { Description = "Do not run 'dotnet restore' before loading a project in build mode." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "sarif", "json");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 when a finding is at or above this level (none: never).", DefaultValueFactory = _ => "warning" };
        failOn.AcceptOnlyFromAmong("error", "warning", "note", "none");
        var baseline = new Option<string?>("--baseline") { Description = "Report only the findings not in this baseline (from 'cxa baseline create')." };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Projects analysed in parallel.", DefaultValueFactory = _ => Environment.ProcessorCount };
        jobs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--jobs must be at least 1");
            }
        });

        var scan = new Command("scan", "Scan folders, solutions and projects with the CrossAccountAnalyzers rules.") { paths, mode, noRestore, format, output, failOn, baseline, jobs };
        scan.SetAction((parse, ct) => Guard(() => ScanAsync(
            parse.GetValue(paths) ?? Array.Empty<string>(),
            Options(parse.GetValue(mode)!, !parse.GetValue(noRestore), parse.GetValue(jobs)),
            parse.GetValue(format)!,
            parse.GetValue(output),
            parse.GetValue(failOn)!,
            parse.GetValue(baseline),
            ct)));

        var baselineOutput = new Option<string>("--output", "-o") { Description = "The baseline file to write.", DefaultValueFactory = _ => "cxa-baseline.json" };
        var create = new Command("create", "Record today's findings, so that 'cxa scan --baseline FILE' reports only new ones.") { paths, mode, noRestore, baselineOutput, jobs };
        create.SetAction((parse, ct) => Guard(() => CreateBaselineAsync(
            parse.GetValue(paths) ?? Array.Empty<string>(),
            Options(parse.GetValue(mode)!, !parse.GetValue(noRestore), parse.GetValue(jobs)),
            parse.GetValue(baselineOutput)!,
            ct)));
        var baselineCommand = new Command("baseline", "Baselines: findings accepted today.") { create };

        var fixPath = new Argument<string[]>("path") { Description = "A folder, .sln/.slnx or .csproj (default: the current folder).", Arity = ArgumentArity.ZeroOrMore };
        var diagnostics = new Option<string[]>("--diagnostics") { Description = "The rules to fix (default: every fixable rule).", AllowMultipleArgumentsPerToken = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print a unified diff instead of writing the files." };
        var fix = new Command("fix", "Apply the code fixes (Fix All) to the files on disk, in build mode.") { fixPath, diagnostics, dryRun, noRestore };
        fix.SetAction((parse, ct) => Guard(() => FixCommand.RunAsync(
            parse.GetValue(fixPath) ?? Array.Empty<string>(),
            parse.GetValue(diagnostics) ?? Array.Empty<string>(),
            parse.GetValue(dryRun),
            !parse.GetValue(noRestore),
            ct)));

        var root = new RootCommand("cxa: the CrossAccountAnalyzers rules (confused deputy, hard-coded AWS credentials, trust policies) over any checkout, without installing the package.") { scan, baselineCommand, fix };
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine("cxa: " + error.Message);
            }

            Console.Error.WriteLine("Run 'cxa --help' for usage.");
            return Failure;
        }

        return await result.InvokeAsync().ConfigureAwait(false);
    }

    private static ScanOptions Options(string mode, bool restore, int jobs) =>
        new(mode switch { "build" => ScanMode.Build, "source" => ScanMode.Source, _ => ScanMode.Auto }, restore, jobs);

    /// <summary>No stack trace ever: a usage problem or an unexpected failure is one line on standard error and exit code 2.</summary>
    private static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine("cxa: error: " + Masking.Mask(e.Message));
            return Failure;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cxa: cancelled");
            return Failure;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("cxa: error: the scan failed (" + e.GetType().Name + ": " + Masking.Mask(Loading.SourceLoader.FirstLine(e.Message)) + ")");
            return Failure;
        }
    }

    internal static async Task<ScanResult> RunScanAsync(IReadOnlyList<string> paths, ScanOptions options, RuleCatalog catalog, bool keepBuildProjects, CancellationToken cancellationToken)
    {
        var targets = ScanTargets.Resolve(paths);
        if (targets.Projects.Count == 0 && targets.LooseFiles.Count == 0 && targets.Errors.Count == 0)
        {
            targets.Notes.Add("no C# project or .cs file was found");
        }

        var engine = new ScanEngine(catalog, options, null);
        if (Console.IsErrorRedirected || Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
        {
            return await engine.RunAsync(targets, keepBuildProjects, cancellationToken).ConfigureAwait(false);
        }

        var err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        ScanResult? result = null;
        await err.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var progress = new ConsoleProgress(ctx);
                result = await new ScanEngine(catalog, options, progress).RunAsync(targets, keepBuildProjects, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result!;
    }

    private static async Task<int> ScanAsync(string[] paths, ScanOptions options, string format, string? output, string failOn, string? baselinePath, CancellationToken cancellationToken)
    {
        var known = baselinePath is null ? null : Baseline.Read(baselinePath);
        var catalog = RuleCatalog.Load();
        var scan = await RunScanAsync(paths, options, catalog, keepBuildProjects: false, cancellationToken).ConfigureAwait(false);
        var reported = known is null ? scan.Findings : scan.Findings.Where(f => !known.Contains(f.Fingerprint)).ToList();
        var report = new Report(scan, reported, scan.Findings.Count - reported.Count, catalog, catalog.Version);

        switch (format)
        {
            case "sarif":
                Emit(SarifReport.Write(report), output);
                break;
            case "json":
                Emit(JsonReport.Write(report), output);
                break;
            default:
                if (output is null)
                {
                    var console = AnsiConsole.Console;
                    if (Console.IsOutputRedirected)
                    {
                        console.Profile.Width = 250;
                    }

                    TextReport.Write(report, console);
                }
                else
                {
                    var writer = new StringWriter();
                    var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
                    console.Profile.Width = 250;
                    TextReport.Write(report, console);
                    Emit(writer.ToString(), output);
                }

                break;
        }

        WriteErrors(scan);
        if (output is not null || format != "text")
        {
            Console.Error.WriteLine(TextReport.Summary(report));
        }

        if (scan.Errors.Count > 0)
        {
            return Failure;
        }

        var threshold = Finding.Rank(failOn);
        return failOn != "none" && reported.Any(f => Finding.Rank(Finding.Level(f.Severity)) >= threshold) ? Findings : Clean;
    }

    private static async Task<int> CreateBaselineAsync(string[] paths, ScanOptions options, string output, CancellationToken cancellationToken)
    {
        var catalog = RuleCatalog.Load();
        var scan = await RunScanAsync(paths, options, catalog, keepBuildProjects: false, cancellationToken).ConfigureAwait(false);
        try
        {
            Baseline.Write(output, scan.Findings, catalog.Version);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"the baseline '{output}' cannot be written ({e.Message})");
        }

        foreach (var p in scan.Projects)
        {
            Console.WriteLine(Masking.Mask($"{p.Path}: {p.Mode} mode, {p.Files} file(s)"));
        }

        Console.WriteLine($"baseline: {scan.Findings.Count} finding(s) written to {output}");
        WriteErrors(scan);
        return scan.Errors.Count > 0 ? Failure : Clean;
    }

    internal static void WriteErrors(ScanResult scan)
    {
        foreach (var e in scan.Errors)
        {
            Console.Error.WriteLine("cxa: error: " + e);
        }
    }

    private static void Emit(string content, string? output)
    {
        if (output is null)
        {
            Console.Out.Write(content);
            return;
        }

        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(output));
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }

            File.WriteAllText(output, content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"the report '{output}' cannot be written ({e.Message})");
        }
    }

    private sealed class ConsoleProgress : IScanProgress
    {
        private readonly ProgressTask _projects;
        private readonly ProgressTask _files;

        public ConsoleProgress(ProgressContext context)
        {
            _projects = context.AddTask("projects");
            _files = context.AddTask("files analysed: 0");
            _files.IsIndeterminate = true;
        }

        public void Status(string text) => _projects.Description = Markup.Escape(text);

        public void ProjectsTotal(int total) => _projects.MaxValue = Math.Max(1, total);

        public void ProjectDone(string name, int files)
        {
            lock (this)
            {
                _projects.Increment(1);
                _files.Value += files;
                _files.Description = "files analysed: " + _files.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}
