using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CrossAccountAnalyzers.CodeFixes.Machinery;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CrossAccountAnalyzers.CodeFixes.Fixes;

/// <summary>CXA3001: add <c>ExternalIds = new[] { externalId }</c> to the role's props, the value found or introduced as for CXA1001.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RoleTrustsAccountWithoutExternalIdCodeFixProvider)), Shared]
public sealed class RoleTrustsAccountWithoutExternalIdCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CrossAccountTrustWithoutExternalId);

    public override FixAllProvider GetFixAllProvider() => ExternalIdFixAllProvider.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            await ExternalIdCodeFixes.RegisterAsync(context, diagnostic, diagnostic.Id).ConfigureAwait(false);
        }
    }
}
