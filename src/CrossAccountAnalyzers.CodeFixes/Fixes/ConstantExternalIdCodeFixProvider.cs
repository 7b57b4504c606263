using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CrossAccountAnalyzers.CodeFixes.Machinery;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CrossAccountAnalyzers.CodeFixes.Fixes;

/// <summary>CXA1002: replace the constant ExternalId with a new parameter or a configuration read (CXA1001 fixes 2 and 3).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConstantExternalIdCodeFixProvider)), Shared]
public sealed class ConstantExternalIdCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ConstantExternalId);

    public override FixAllProvider GetFixAllProvider() => ExternalIdFixAllProvider.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            await ExternalIdCodeFixes.RegisterAsync(context, diagnostic, diagnostic.Id, offerInScope: false).ConfigureAwait(false);
        }
    }
}
