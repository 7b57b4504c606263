using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CrossAccountAnalyzers.CodeFixes.Machinery;

/// <summary>
/// Base of every fixer whose diagnostic says where an ExternalId goes (CXA1001, CXA1002, CXA3001): the three sources
/// of <see cref="ExternalIdCodeFixes"/>, and their FixAll.
/// </summary>
public abstract class ExternalIdCodeFixProvider : CodeFixProvider
{
    /// <summary>Whether "set ExternalId from a value in scope" applies (not when replacing a constant).</summary>
    protected virtual bool OfferInScope => true;

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => ExternalIdFixAllProvider.Instance;

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in FixAllKeys.Fixable(context, FixableDiagnosticIds))
        {
            await ExternalIdCodeFixes.RegisterAsync(context, diagnostic, diagnostic.Id, OfferInScope).ConfigureAwait(false);
        }
    }
}
