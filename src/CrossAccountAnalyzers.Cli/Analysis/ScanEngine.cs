using System.Collections.Immutable;
using CrossAccountAnalyzers.Cli.Discovery;
using CrossAccountAnalyzers.Cli.Loading;
using CrossAccountAnalyzers.Cli.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CrossAccountAnalyzers.Cli.Analysis;

internal enum ScanMode
{
    Auto,
    Build,
    Source,
}

internal sealed record ScanOptions(ScanMode Mode, bool Restore, int Jobs);

/// <summary>Everything one scan found, in a stable order (independent of <c>--jobs</c>).</summary>
internal sealed class ScanResult
{
    public string Root { get; init; } = string.Empty;

    public List<ProjectReport> Projects { get; } = new();

    public List<Finding> Findings { get; } = new();

    public List<LoadError> Errors { get; } = new();

    public List<string> Notes { get; } = new();

    /// <summary>Projects loaded in build mode, for <c>cxa fix</c> (kept only when asked for).</summary>
    public List<Project> BuildProjects { get; } = new();
}

/// <summary>Progress callbacks (the console shows them on standard error when it is a terminal).</summary>
internal interface IScanProgress
{
    void Status(string text);

    void ProjectsTotal(int total);

    void ProjectDone(string name, int files);
}

internal sealed class ScanEngine
{
    private readonly RuleCatalog _catalog;
    private readonly ScanOptions _options;
    private readonly IScanProgress? _progress;

    public ScanEngine(RuleCatalog catalog, ScanOptions options, IScanProgress? progress)
    {
        _catalog = catalog;
        _options = options;
        _progress = progress;
    }

    public async Task<ScanResult> RunAsync(ScanTargets targets, bool keepBuildProjects, CancellationToken cancellationToken)
    {
        var result = new ScanResult { Root = targets.Root };
        result.Errors.AddRange(targets.Errors);
        result.Notes.AddRange(targets.Notes);

        var work = new List<(ProjectReport Report, Func<List<LoadError>, Task<Project?>> Load)>();
        BuildLoader? builder = null;
        try
        {
            _progress?.ProjectsTotal(targets.Projects.Count + (targets.LooseFiles.Count > 0 ? 1 : 0));
            foreach (var path in targets.Projects)
            {
                var report = new ProjectReport(Path.GetFileNameWithoutExtension(path), targets.Rel(path));
                result.Projects.Add(report);
                Project? built = null;
                if (_options.Mode != ScanMode.Source)
                {
                    builder ??= new BuildLoader();
                    _progress?.Status($"loading {report.Path} with MSBuild");
                    string? failure = null;
                    if (BuildLoader.Sdk is null)
                    {
                        failure = BuildLoader.UnavailableReason;
                    }
                    else if (_options.Restore)
                    {
                        _progress?.Status($"restoring {report.Path}");
                        var restoreError = BuildLoader.Restore(path, cancellationToken);
                        if (restoreError is not null)
                        {
                            failure = "restore failed: " + restoreError;
                        }
                    }

                    if (failure is null)
                    {
                        (built, failure) = await builder.LoadAsync(path, cancellationToken).ConfigureAwait(false);
                    }

                    if (built is null)
                    {
                        report.Notes.Add("build mode: " + failure + "; source mode instead");
                        if (_options.Mode == ScanMode.Build)
                        {
                            result.Errors.Add(new LoadError(report.Path, "build mode failed (" + failure + ")", "it was scanned in source mode instead"));
                        }
                    }
                }

                if (built is not null)
                {
                    report.Mode = "build";
                    report.Notes.Add("MSBuild " + BuildLoader.Sdk);
                    var project = built;
                    if (keepBuildProjects)
                    {
                        result.BuildProjects.Add(project);
                    }

                    work.Add((report, _ => Task.FromResult<Project?>(WithFilesBeside(project))));
                }
                else
                {
                    report.Mode = "source";
                    var p = path;
                    work.Add((report, errors => Task.FromResult(SourceLoader.LoadProject(p, targets.Root, report, errors))));
                }
            }

            if (targets.LooseFiles.Count > 0)
            {
                var report = new ProjectReport("(loose files)", "(loose files)") { Mode = "source" };
                result.Projects.Add(report);
                work.Add((report, errors => Task.FromResult(SourceLoader.LoadLoose(targets.LooseFiles, targets.Root, report, errors))));
            }

            var findings = new List<Finding>[work.Count];
            var errors = new List<LoadError>[work.Count];
            _progress?.Status("analyzing");
            await Parallel.ForEachAsync(
                Enumerable.Range(0, work.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Jobs), CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    errors[i] = new List<LoadError>();
                    findings[i] = new List<Finding>();
                    var (report, load) = work[i];
                    try
                    {
                        var project = await load(errors[i]).ConfigureAwait(false);
                        if (project is not null)
                        {
                            if (report.Mode == "build")
                            {
                                report.Files = project.Documents.Count();
                            }

                            findings[i].AddRange(await AnalyzeAsync(project, report, targets.Root, errors[i], ct).ConfigureAwait(false));
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        errors[i].Add(new LoadError(report.Path, "the analysis failed (" + e.GetType().Name + ": " + SourceLoader.FirstLine(e.Message) + ")", "its findings are missing"));
                    }

                    _progress?.ProjectDone(report.Name, report.Files);
                }).ConfigureAwait(false);

            var seen = new HashSet<(string, string, int, int, int, int, string)>();
            var all = findings.SelectMany(f => f).ToList();
            all.Sort(Finding.Compare);
            foreach (var f in all)
            {
                if (seen.Add((f.RuleId, f.File, f.StartLine, f.StartColumn, f.EndLine, f.EndColumn, f.Message)))
                {
                    result.Findings.Add(f);
                }
            }

            Fingerprints.Assign(result.Findings);
            result.Errors.AddRange(errors.SelectMany(e => e).Distinct());
            return result;
        }
        finally
        {
            if (!keepBuildProjects)
            {
                builder?.Dispose();
            }
        }
    }

    /// <summary>Adds appsettings*.json, *.config and .env beside the project as AdditionalFiles (CXA2003), unless it has them already.</summary>
    private static Project WithFilesBeside(Project project)
    {
        if (project.FilePath is null)
        {
            return project;
        }

        var have = new HashSet<string>(project.AdditionalDocuments.Select(d => d.FilePath ?? string.Empty), StringComparer.Ordinal);
        foreach (var file in SourceLoader.FilesBeside(Path.GetDirectoryName(project.FilePath)!))
        {
            if (have.Add(file))
            {
                var errors = new List<LoadError>();
                var text = SourceLoader.ReadText(file, Path.GetDirectoryName(project.FilePath)!, errors);
                if (text is not null)
                {
                    project = project.AddAdditionalDocument(Path.GetFileName(file), text, filePath: file).Project;
                }
            }
        }

        return project;
    }

    private async Task<List<Finding>> AnalyzeAsync(Project project, ProjectReport report, string root, List<LoadError> errors, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (compilation is null)
        {
            errors.Add(new LoadError(report.Path, "no compilation could be made", "it was skipped"));
            return new List<Finding>();
        }

        if (report.RulesNotRun.Remove("AWS"))
        {
            foreach (var rule in _catalog.Rules.Where(r => !RuleCatalog.TextRules.Contains(r.Id)))
            {
                report.RulesNotRun.Add(rule.Id);
            }
        }

        if (report.RulesNotRun.Remove("CDK"))
        {
            report.Notes.Add("AWS CDK constructs were not read (no CDK assemblies): only JSON policies for CXA3xxx");
        }

        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: (e, analyzer, _) =>
            {
                lock (exceptions)
                {
                    exceptions.Add(analyzer.GetType().Name + ": " + e.GetType().Name);
                }
            },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(_catalog.Analyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var e in exceptions.Distinct())
        {
            errors.Add(new LoadError(report.Path, "an analyzer failed (" + e + ")", "the other analyzers' findings are reported"));
        }

        var additional = project.AdditionalDocuments.Where(d => d.FilePath is not null).GroupBy(d => d.FilePath!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var findings = new List<Finding>();
        foreach (var d in diagnostics)
        {
            if (!_catalog.ById.ContainsKey(d.Id) || d.Severity == DiagnosticSeverity.Hidden)
            {
                continue;
            }

            var lineSpan = d.Location.GetLineSpan();
            var path = lineSpan.Path;
            if (string.IsNullOrEmpty(path))
            {
                continue;
            }

            SourceText? text = null;
            SyntaxTree? tree = d.Location.SourceTree;
            if (tree is not null)
            {
                text = await tree.GetTextAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (additional.TryGetValue(path, out var doc))
            {
                text = await doc.GetTextAsync(cancellationToken).ConfigureAwait(false);
            }

            var span = d.Location.SourceSpan;
            var key = text is null ? Fingerprints.Hash(string.Empty) : Fingerprints.CodeKey(tree, text, span);
            findings.Add(new Finding(
                d.Id,
                d.Severity,
                Masking.Mask(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)),
                ScanTargets.Relative(root, path),
                lineSpan.StartLinePosition.Line + 1,
                lineSpan.StartLinePosition.Character + 1,
                lineSpan.EndLinePosition.Line + 1,
                lineSpan.EndLinePosition.Character + 1,
                report.Name,
                key));
        }

        return findings;
    }

    internal static ImmutableArray<string> ModeNames { get; } = ImmutableArray.Create("auto", "build", "source");
}
