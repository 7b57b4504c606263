using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.CodeFixes.TrustPolicies;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.ExternalId;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace CrossAccountAnalyzers.CodeFixes.Machinery;

/// <summary>
/// The three ways to supply an ExternalId, registered by every fixer whose diagnostic says where an ExternalId goes
/// (CXA1001 now; CXA1002, CXA2001/2002 and CXA3001 reuse it): a value in scope, a new parameter, configuration.
/// </summary>
internal static class ExternalIdCodeFixes
{
    public const string InScopeSuffix = ".InScope";
    public const string ParameterSuffix = ".Parameter";
    public const string ConfigurationSuffix = ".Configuration";
    public const string PlaceholderSuffix = ".Placeholder";

    private static readonly ExpressionSyntax PlaceholderValue
        = LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(JsonPolicyWriter.Placeholder));

    private static readonly ExpressionSyntax ProbeValue = IdentifierName("externalId");

    public static async Task RegisterAsync(CodeFixContext context, Diagnostic diagnostic, string keyPrefix, bool offerInScope = true)
    {
        var document = context.Document;
        var cancellationToken = context.CancellationToken;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var anchor = root is null ? null : ExternalIdWriter.GetAnchor(root, diagnostic);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (anchor is null || model is null || root is null)
        {
            return;
        }

        if (ExternalIdWriter.IsJson(diagnostic))
        {
            // A JSON policy: a named placeholder in a constant; when the policy is built in code, also a value from code.
            if (!ExternalIdWriter.CanWriteJson(root, model, diagnostic, PlaceholderValue, cancellationToken))
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add an sts:ExternalId condition (placeholder to replace with the third party's ExternalId)",
                    ct => ApplyLocalAsync(document, diagnostic, keyPrefix + PlaceholderSuffix, ct),
                    keyPrefix + PlaceholderSuffix),
                diagnostic);
            if (!diagnostic.Properties.TryGetValue(ExternalIdFix.JsonBuiltInCodeProperty, out var builtInCode) || builtInCode != "true"
                || !ExternalIdWriter.CanWriteJson(root, model, diagnostic, ProbeValue, cancellationToken))
            {
                return;
            }
        }

        // (1) A value that is already in scope.
        if (offerInScope && ExternalIdSources.FindInScope(model, anchor, ExternalIdSources.LooksLikeExternalId, cancellationToken) is { } inScope)
        {
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Set ExternalId from '{inScope.Display}'",
                    ct => ApplyLocalAsync(document, diagnostic, keyPrefix + InScopeSuffix, ct),
                    keyPrefix + InScopeSuffix),
                diagnostic);
        }

        // (2) A new required parameter, passed by every caller.
        var method = ParameterIntroducer.FindTargetMethod(anchor);
        if (method is not null && await ParameterIntroducer.CanIntroduceAsync(document, method, cancellationToken).ConfigureAwait(false))
        {
            var symbol = model.GetDeclaredSymbol(method, cancellationToken) as IMethodSymbol;
            var name = symbol?.Name ?? "method";
            var existing = symbol is null ? null : ParameterIntroducer.ExistingParameter(symbol);
            context.RegisterCodeFix(
                CodeAction.Create(
                    existing is null
                        ? $"Add an '{ParameterIntroducer.DefaultParameterName}' parameter to '{name}' and pass it from every caller"
                        : $"Set ExternalId from parameter '{existing.Name}'",
                    ct => ParameterIntroducer.ApplyAsync(document.Project.Solution, new[] { (document, diagnostic) }, ct),
                    keyPrefix + ParameterSuffix),
                diagnostic);
        }

        // (3) Configuration, failing loudly when it is missing.
        var source = ConfigurationSource(model, anchor, document, cancellationToken);
        context.RegisterCodeFix(
            CodeAction.Create(
                $"Read ExternalId from {source.Display}",
                ct => ApplyLocalAsync(document, diagnostic, keyPrefix + ConfigurationSuffix, ct),
                keyPrefix + ConfigurationSuffix),
            diagnostic);
    }

    /// <summary>The value a local fix (in scope or configuration) writes for <paramref name="diagnostic"/>, or null when it does not apply.</summary>
    public static async Task<ExternalIdSource?> GetLocalValueAsync(Document document, Diagnostic diagnostic, string equivalenceKey, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var anchor = root is null ? null : ExternalIdWriter.GetAnchor(root, diagnostic);
        if (anchor is null || model is null)
        {
            return null;
        }

        if (equivalenceKey.EndsWith(PlaceholderSuffix, System.StringComparison.Ordinal))
        {
            return ExternalIdWriter.IsJson(diagnostic) ? new ExternalIdSource(PlaceholderValue, JsonPolicyWriter.Placeholder) : null;
        }

        if (equivalenceKey.EndsWith(InScopeSuffix, System.StringComparison.Ordinal))
        {
            return ExternalIdSources.FindInScope(model, anchor, ExternalIdSources.LooksLikeExternalId, cancellationToken);
        }

        return equivalenceKey.EndsWith(ConfigurationSuffix, System.StringComparison.Ordinal)
            ? ConfigurationSource(model, anchor, document, cancellationToken)
            : null;
    }

    private static ExternalIdSource ConfigurationSource(SemanticModel model, SyntaxNode anchor, Document document, CancellationToken cancellationToken)
    {
        var variable = CxaOptions.GetExternalIdEnvironmentVariable(document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider, anchor.SyntaxTree);
        return ExternalIdSources.FromConfiguration(model, anchor, variable, cancellationToken);
    }

    private static async Task<Document> ApplyLocalAsync(Document document, Diagnostic diagnostic, string equivalenceKey, CancellationToken cancellationToken)
    {
        var value = await GetLocalValueAsync(document, diagnostic, equivalenceKey, cancellationToken).ConfigureAwait(false);
        if (value is null)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        ExternalIdWriter.Write(editor, diagnostic, value.Expression);
        return editor.GetChangedDocument();
    }
}
