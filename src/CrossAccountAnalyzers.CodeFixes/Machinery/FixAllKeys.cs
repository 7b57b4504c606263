using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CrossAccountAnalyzers.CodeFixes.Machinery;

/// <summary>Which fix a Fix All applies when the client did not say (see <see cref="ResolveAsync"/>).</summary>
internal static class FixAllKeys
{
    /// <summary>
    /// The equivalence key of the fix to apply everywhere: the one the client asked for; or, when it gave none or one of
    /// another rule's fixes (our keys start with the diagnostic ID they were offered for), the key of the first fix
    /// offered for the first diagnostic of the requested IDs in scope, which is what Fix All does in the IDE when
    /// started from that diagnostic.
    /// </summary>
    /// <remarks>
    /// <c>dotnet format analyzers</c> takes the key from the first fix offered for the first diagnostic of the analyzer
    /// that reported the ID being fixed, whatever that diagnostic's own ID. When one analyzer reports several rules, that
    /// diagnostic is often another rule's: no fix of ours is offered for it (the key is null), or, when the same fixer
    /// handles both rules (CXA2001 and CXA2002), the key names the other rule.
    /// </remarks>
    public static async Task<string?> ResolveAsync(FixAllContext context)
    {
        if (context.CodeActionEquivalenceKey is { } key && context.DiagnosticIds.Contains(RuleOf(key)))
        {
            return key;
        }

        foreach (var document in DocumentsInScope(context))
        {
            var diagnostics = await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                string? first = null;
                var fixContext = new CodeFixContext(document, diagnostic, (action, _) => first ??= action.EquivalenceKey, context.CancellationToken);
                await context.CodeFixProvider.RegisterCodeFixesAsync(fixContext).ConfigureAwait(false);
                if (first is not null)
                {
                    return first;
                }
            }
        }

        return null;
    }

    /// <summary>The diagnostic ID a key of ours was offered for: keys are the ID, a dot and the fix.</summary>
    public static string RuleOf(string key)
    {
        var dot = key.IndexOf('.');
        return dot < 0 ? key : key.Substring(0, dot);
    }

    /// <summary>
    /// The diagnostics of <paramref name="context"/> that <paramref name="fixableIds"/> names. Only a bulk client
    /// (<c>dotnet format</c>) hands a fixer another rule's diagnostic, and nothing of that fixer applies to it.
    /// </summary>
    public static IEnumerable<Diagnostic> Fixable(CodeFixContext context, ImmutableArray<string> fixableIds)
        => context.Diagnostics.Where(d => fixableIds.Contains(d.Id));

    /// <summary>The documents of the fix-all scope, the one it was started from first.</summary>
    public static IEnumerable<Document> DocumentsInScope(FixAllContext context)
    {
        var all = context.Scope switch
        {
            FixAllScope.Document when context.Document is not null => new[] { context.Document },
            FixAllScope.Project => context.Project.Documents,
            FixAllScope.Solution => context.Solution.Projects.SelectMany(p => p.Documents),
            _ => Enumerable.Empty<Document>(),
        };
        return context.Document is { } start && context.Scope != FixAllScope.Document
            ? all.Where(d => d.Id == start.Id).Concat(all.Where(d => d.Id != start.Id))
            : all;
    }
}
