using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CrossAccountAnalyzers.CodeFixes.Machinery;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CrossAccountAnalyzers.CodeFixes.Fixes;

/// <summary>CXA1001: set the ExternalId from a value in scope, a new parameter, or configuration.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AssumeRoleWithoutExternalIdCodeFixProvider)), Shared]
public sealed class AssumeRoleWithoutExternalIdCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AssumeRoleWithoutExternalId);

    public override FixAllProvider GetFixAllProvider() => ExternalIdFixAllProvider.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            await ExternalIdCodeFixes.RegisterAsync(context, diagnostic, DiagnosticIds.AssumeRoleWithoutExternalId).ConfigureAwait(false);
        }
    }
}
