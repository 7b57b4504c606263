using System.Collections.Immutable;
using System.Text;
using CrossAccountAnalyzers.Cli.Analysis;
using CrossAccountAnalyzers.Cli.Discovery;
using CrossAccountAnalyzers.Cli.Rules;
using DiffPlex;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Spectre.Console;

namespace CrossAccountAnalyzers.Cli.Fixing;

/// <summary>
/// <c>cxa fix</c>: in build mode, for each rule asked for, the first fix offered for its first diagnostic applied with
/// Fix All over the solution (as <c>dotnet format analyzers</c> does), then the changed files written (or, with
/// <c>--dry-run</c>, a unified diff printed) and a summary.
/// </summary>
internal static class FixCommand
{
    public static async Task<int> RunAsync(string[] paths, string[] diagnostics, bool dryRun, bool restore, CancellationToken cancellationToken)
    {
        var catalog = RuleCatalog.Load();
        var fixable = catalog.Fixers.SelectMany(f => f.FixableDiagnosticIds).Where(catalog.ById.ContainsKey).Distinct().OrderBy(i => i, StringComparer.Ordinal).ToList();
        var ids = diagnostics.SelectMany(d => d.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(d => d.ToUpperInvariant()).Distinct().ToList();
        foreach (var id in ids)
        {
            if (!catalog.ById.ContainsKey(id))
            {
                throw new UsageException($"'{id}' is not a CrossAccountAnalyzers rule (rules: {string.Join(", ", catalog.Rules.Select(r => r.Id))})");
            }

            if (!fixable.Contains(id))
            {
                throw new UsageException($"{id} has no code fix (fixable: {string.Join(", ", fixable)})");
            }
        }

        if (ids.Count == 0)
        {
            ids = fixable;
        }

        var scan = await Cli.RunScanAsync(paths, new ScanOptions(ScanMode.Build, restore, 1), catalog, keepBuildProjects: true, cancellationToken).ConfigureAwait(false);
        Cli.WriteErrors(scan);
        if (scan.BuildProjects.Count == 0)
        {
            Console.Error.WriteLine("cxa: error: cxa fix works in build mode and no project could be loaded with MSBuild; nothing was changed");
            return Cli.Failure;
        }

        var original = scan.BuildProjects[^1].Solution;
        var projectIds = scan.BuildProjects.Select(p => p.Id).ToImmutableHashSet();
        var solution = original;
        var summary = new Table().Title("Fixes").AddColumn("Rule").AddColumn("Before").AddColumn("After").AddColumn("Note");
        foreach (var id in ids)
        {
            var before = await CountAsync(solution, projectIds, catalog, id, cancellationToken).ConfigureAwait(false);
            var note = string.Empty;
            if (before.Count > 0)
            {
                (solution, note) = await FixAllAsync(solution, projectIds, catalog, id, before, cancellationToken).ConfigureAwait(false);
            }

            var after = before.Count == 0 ? before : await CountAsync(solution, projectIds, catalog, id, cancellationToken).ConfigureAwait(false);
            summary.AddRow(id, before.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), after.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(note));
        }

        var changed = solution.GetChanges(original).GetProjectChanges().SelectMany(p => p.GetChangedDocuments().Select(d => p.NewProject.GetDocument(d)!)).ToList();
        var files = 0;
        foreach (var document in changed.OrderBy(d => d.FilePath, StringComparer.Ordinal))
        {
            var oldText = (await original.GetDocument(document.Id)!.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
            var newText = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (document.FilePath is null || oldText == newText.ToString())
            {
                continue;
            }

            files++;
            var rel = ScanTargets.Relative(scan.Root, document.FilePath);
            if (dryRun)
            {
                Console.Out.Write(UnifiedDiff(rel, oldText, newText.ToString()));
            }
            else
            {
                await File.WriteAllTextAsync(document.FilePath, newText.ToString(), newText.Encoding ?? new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            }
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(dryRun ? Console.Error : Console.Out) });
        console.Write(summary);
        console.WriteLine(dryRun ? $"{files} file(s) would change (dry run: nothing written)" : $"{files} file(s) changed");
        return scan.Errors.Count > 0 ? Cli.Failure : Cli.Clean;
    }

    private static async Task<(Solution, string)> FixAllAsync(Solution solution, ImmutableHashSet<ProjectId> projects, RuleCatalog catalog, string id, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var first = diagnostics[0];
        var document = solution.GetDocument(first.Location.SourceTree);
        if (document is null)
        {
            return (solution, "its first finding is not in a C# document");
        }

        foreach (var fixer in catalog.Fixers.Where(f => f.FixableDiagnosticIds.Contains(id)))
        {
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, first, (action, _) => actions.Add(action), cancellationToken);
            await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            if (actions.Count == 0)
            {
                continue;
            }

            var action = actions[0];
            var provider = fixer.GetFixAllProvider();
            CodeAction? fix = action;
            if (provider is not null)
            {
                var fixAllContext = new FixAllContext(document, fixer, FixAllScope.Solution, action.EquivalenceKey, new[] { id }, new Provider(catalog, id, projects), cancellationToken);
                fix = await provider.GetFixAsync(fixAllContext).ConfigureAwait(false) ?? action;
            }

            foreach (var operation in await fix.GetOperationsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (operation is ApplyChangesOperation apply)
                {
                    solution = apply.ChangedSolution;
                }
            }

            return (solution, "\"" + action.Title + "\"" + (provider is null ? " (no Fix All: first finding only)" : string.Empty));
        }

        return (solution, "no fix applies to its first finding");
    }

    private static async Task<List<Diagnostic>> CountAsync(Solution solution, ImmutableHashSet<ProjectId> projects, RuleCatalog catalog, string id, CancellationToken cancellationToken)
    {
        var all = new List<Diagnostic>();
        foreach (var project in solution.Projects.Where(p => projects.Contains(p.Id)))
        {
            all.AddRange((await AnalyzeAsync(project, catalog, cancellationToken).ConfigureAwait(false)).Where(d => d.Id == id && d.Location.IsInSource));
        }

        return all.OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ToList();
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project, RuleCatalog catalog, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (compilation is null)
        {
            return ImmutableArray<Diagnostic>.Empty;
        }

        var options = new CompilationWithAnalyzersOptions(project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        return await compilation.WithAnalyzers(catalog.Analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class Provider : FixAllContext.DiagnosticProvider
    {
        private readonly RuleCatalog _catalog;
        private readonly string _id;
        private readonly ImmutableHashSet<ProjectId> _projects;

        public Provider(RuleCatalog catalog, string id, ImmutableHashSet<ProjectId> projects)
        {
            _catalog = catalog;
            _id = id;
            _projects = projects;
        }

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            _projects.Contains(project.Id) ? (await AnalyzeAsync(project, _catalog, cancellationToken).ConfigureAwait(false)).Where(d => d.Id == _id) : Enumerable.Empty<Diagnostic>();

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            return (await GetAllDiagnosticsAsync(document.Project, cancellationToken).ConfigureAwait(false)).Where(d => d.Location.SourceTree == tree);
        }

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            (await GetAllDiagnosticsAsync(project, cancellationToken).ConfigureAwait(false)).Where(d => !d.Location.IsInSource);
    }

    /// <summary>A unified diff (3 lines of context) of one file, from DiffPlex's line diff.</summary>
    internal static string UnifiedDiff(string path, string oldText, string newText)
    {
        var diff = Differ.Instance.CreateLineDiffs(oldText, newText, ignoreWhitespace: false);
        var a = diff.PiecesOld;
        var b = diff.PiecesNew;
        var sb = new StringBuilder();
        sb.Append("--- a/").Append(path).Append('\n').Append("+++ b/").Append(path).Append('\n');
        const int context = 3;
        var blocks = diff.DiffBlocks.ToList();
        var i = 0;
        while (i < blocks.Count)
        {
            var j = i;
            while (j + 1 < blocks.Count && blocks[j + 1].DeleteStartA - (blocks[j].DeleteStartA + blocks[j].DeleteCountA) <= 2 * context)
            {
                j++;
            }

            var startA = Math.Max(0, blocks[i].DeleteStartA - context);
            var startB = Math.Max(0, blocks[i].InsertStartB - context);
            var endA = Math.Min(a.Count, blocks[j].DeleteStartA + blocks[j].DeleteCountA + context);
            var endB = Math.Min(b.Count, blocks[j].InsertStartB + blocks[j].InsertCountB + context);
            sb.Append($"@@ -{startA + 1},{endA - startA} +{startB + 1},{endB - startB} @@\n");
            var posA = startA;
            for (var k = i; k <= j; k++)
            {
                var block = blocks[k];
                for (; posA < block.DeleteStartA; posA++)
                {
                    sb.Append(' ').Append(Line(a[posA])).Append('\n');
                }

                for (var d = 0; d < block.DeleteCountA; d++)
                {
                    sb.Append('-').Append(Line(a[block.DeleteStartA + d])).Append('\n');
                }

                for (var n = 0; n < block.InsertCountB; n++)
                {
                    sb.Append('+').Append(Line(b[block.InsertStartB + n])).Append('\n');
                }

                posA = block.DeleteStartA + block.DeleteCountA;
            }

            for (; posA < endA; posA++)
            {
                sb.Append(' ').Append(Line(a[posA])).Append('\n');
            }

            i = j + 1;
        }

        return Masking.Mask(sb.ToString());
    }

    private static readonly System.Text.RegularExpressions.Regex StringLiteral = new("\"(?:[^\"\\\\]|\\\\.)*\"", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>Source lines are printed with every string literal's content hidden: it may be a secret.</summary>
    private static string Line(string line) => StringLiteral.Replace(line, "\"***\"");
}
