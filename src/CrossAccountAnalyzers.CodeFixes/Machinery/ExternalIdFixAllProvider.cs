using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace CrossAccountAnalyzers.CodeFixes.Machinery;

/// <summary>
/// FixAll for every "supply an ExternalId" fix. Local fixes (a value in scope, configuration) are computed on the
/// original document and applied in one pass per document; the parameter fix is applied to the whole batch at once
/// so that a method gets one parameter however many sinks it holds, and callers are updated once.
/// </summary>
internal sealed class ExternalIdFixAllProvider : FixAllProvider
{
    public static readonly ExternalIdFixAllProvider Instance = new();

    /// <inheritdoc/>
    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
        => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    /// <inheritdoc/>
    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var key = await FixAllKeys.ResolveAsync(fixAllContext).ConfigureAwait(false);
        if (key is null)
        {
            return null;
        }

        var byDocument = await CollectAsync(fixAllContext).ConfigureAwait(false);
        if (byDocument.Count == 0)
        {
            return null;
        }

        var title = "Fix all: " + key;
        if (key.EndsWith(ExternalIdCodeFixes.ParameterSuffix, System.StringComparison.Ordinal))
        {
            return CodeAction.Create(
                title,
                ct => ParameterIntroducer.ApplyAsync(fixAllContext.Solution, byDocument.SelectMany(p => p.Value.Select(d => (p.Key, d))), ct),
                key);
        }

        return CodeAction.Create(
            title,
            async ct =>
            {
                var solution = fixAllContext.Solution;
                foreach (var pair in byDocument)
                {
                    var editor = await DocumentEditor.CreateAsync(pair.Key, ct).ConfigureAwait(false);
                    foreach (var diagnostic in pair.Value)
                    {
                        var value = await ExternalIdCodeFixes.GetLocalValueAsync(pair.Key, diagnostic, key, ct).ConfigureAwait(false);
                        if (value is not null)
                        {
                            ExternalIdWriter.Write(editor, diagnostic, value.Expression);
                        }
                    }

                    solution = solution.WithDocumentSyntaxRoot(pair.Key.Id, editor.GetChangedRoot());
                }

                return solution;
            },
            key);
    }

    private static async Task<Dictionary<Document, ImmutableArray<Diagnostic>>> CollectAsync(FixAllContext context)
    {
        var result = new Dictionary<Document, ImmutableArray<Diagnostic>>();
        foreach (var document in FixAllKeys.DocumentsInScope(context))
        {
            var diagnostics = await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
            if (!diagnostics.IsEmpty)
            {
                result.Add(document, diagnostics.Sort((a, b) => a.Location.SourceSpan.Start.CompareTo(b.Location.SourceSpan.Start)));
            }
        }

        return result;
    }
}
