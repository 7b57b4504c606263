using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.CodeFixes.Machinery;
using CrossAccountAnalyzers.TrustPolicies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace CrossAccountAnalyzers.CodeFixes.TrustPolicies;

/// <summary>
/// CXA3004: require the resource owner's account as the source. A CDK <c>Permission</c> or <c>CfnPermissionProps</c>
/// gains <c>SourceAccount = Stack.Of(this).Account</c>; a CDK <c>PolicyStatement</c> gains
/// <c>AddCondition("StringEquals", ...)</c> (held in a local) or <c>Conditions</c> (in its props); a JSON policy gains
/// <c>"StringEquals": { "aws:SourceAccount": ... }</c>. The account is the enclosing construct's stack account; in
/// JSON outside CDK, an account ID in scope (<c>accountId</c>), else <see cref="Placeholder"/>. Offered only for services
/// whose documentation names aws:SourceAccount (the analyzer leaves the fix out otherwise).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ResourcePolicyServiceWithoutSourceConditionCodeFixProvider)), Shared]
public sealed class ResourcePolicyServiceWithoutSourceConditionCodeFixProvider : CodeFixProvider
{
    /// <summary>The value the JSON fix writes when no account is in scope; documented in docs/rules/CXA3004.md.</summary>
    public const string Placeholder = "REPLACE_WITH_YOUR_ACCOUNT_ID";

    private const string SourceAccountKey = "aws:SourceAccount";
    private const string EquivalenceKey = DiagnosticIds.ResourcePolicyServiceWithoutSourceCondition + ".SourceAccount";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ResourcePolicyServiceWithoutSourceCondition);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAll.Instance;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in FixAllKeys.Fixable(context, FixableDiagnosticIds))
        {
            if (Plan.Of(root, model, diagnostic, context.CancellationToken) is { } plan && plan.CanApply(model, context.CancellationToken))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Require the source account (" + SourceAccountKey + ")",
                        async ct =>
                        {
                            var editor = await DocumentEditor.CreateAsync(context.Document, ct).ConfigureAwait(false);
                            plan.Apply(editor, ct);
                            return editor.GetChangedDocument();
                        },
                        EquivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>Where and what one diagnostic's fix writes.</summary>
    private sealed class Plan
    {
        private Plan(ResourceFixKind kind, SyntaxNode target, ExpressionSyntax account, int statement, string dictionaryType)
        {
            DictionaryType = dictionaryType;
            Kind = kind;
            Target = target;
            Account = account;
            Statement = statement;
        }

        public ResourceFixKind Kind { get; }

        public SyntaxNode Target { get; }

        private ExpressionSyntax Account { get; }

        private int Statement { get; }

        private string DictionaryType { get; }

        public static Plan? Of(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(ResourcePolicyReaders.FixKindProperty, out var kindText)
                || !System.Enum.TryParse<ResourceFixKind>(kindText, out var kind)
                || diagnostic.AdditionalLocations.Count == 0
                || diagnostic.AdditionalLocations[0] is not { IsInSource: true } location
                || location.SourceTree != root.SyntaxTree
                || !root.FullSpan.Contains(location.SourceSpan))
            {
                return null;
            }

            var target = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
            var statement = -1;
            if (kind == ResourceFixKind.JsonCondition
                && !(diagnostic.Properties.TryGetValue(ResourcePolicyReaders.JsonStatementProperty, out var index)
                     && int.TryParse(index, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out statement)))
            {
                return null;
            }

            var account = AccountInScope(target, model, allowPlaceholder: kind == ResourceFixKind.JsonCondition, cancellationToken);
            var fits = kind switch
            {
                ResourceFixKind.SourceAccountProperty or ResourceFixKind.ConditionsProperty => target is BaseObjectCreationExpressionSyntax,
                ResourceFixKind.AddConditionCall => target is LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1, Parent: BlockSyntax },
                ResourceFixKind.JsonCondition => target is ExpressionSyntax,
                _ => false,
            };
            return account is null || !fits ? null : new Plan(kind, target, account, statement, TypeName(model, target.SpanStart, "System.Collections.Generic", "Dictionary", "<string, object>"));
        }

        public bool CanApply(SemanticModel model, CancellationToken cancellationToken)
            => Kind != ResourceFixKind.JsonCondition
               || JsonPolicyWriter.Apply((ExpressionSyntax)Target, Statement, Account, JsonPolicyWriter.Constants(model, (ExpressionSyntax)Target, cancellationToken), SourceAccountKey) is not null;

        public void Apply(DocumentEditor editor, CancellationToken cancellationToken)
        {
            switch (Kind)
            {
                case ResourceFixKind.SourceAccountProperty:
                    editor.ReplaceNode(Target, (current, _) => AddMember((BaseObjectCreationExpressionSyntax)current, "SourceAccount", Account));
                    break;
                case ResourceFixKind.ConditionsProperty:
                    editor.ReplaceNode(Target, (current, _) => AddMember((BaseObjectCreationExpressionSyntax)current, "Conditions", Dictionary(DictionaryType, StringLiteral("StringEquals"), Dictionary(DictionaryType, StringLiteral(SourceAccountKey), Account))));
                    break;
                case ResourceFixKind.AddConditionCall:
                    var declaration = (LocalDeclarationStatementSyntax)Target;
                    var indentation = declaration.GetLeadingTrivia().Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse();
                    var call = ParseStatement(declaration.Declaration.Variables[0].Identifier.ValueText + ".AddCondition(\"StringEquals\", " + Dictionary(DictionaryType, StringLiteral(SourceAccountKey), Account).ToFullString() + ");")
                        .WithLeadingTrivia(indentation)
                        .WithTrailingTrivia(declaration.GetTrailingTrivia());
                    editor.InsertAfter(declaration, call);
                    break;
                case ResourceFixKind.JsonCondition:
                    var constants = JsonPolicyWriter.Constants(editor.SemanticModel, (ExpressionSyntax)Target, cancellationToken);
                    editor.ReplaceNode(Target, (current, _) => JsonPolicyWriter.Apply((ExpressionSyntax)current, Statement, Account, constants, SourceAccountKey) is { } written
                        ? current.CopyAnnotationsTo(written.WithTriviaFrom(current))
                        : current);
                    break;
            }
        }
    }

    /// <summary>
    /// The resource owner's account at <paramref name="node"/>: <c>Stack.Of(this).Account</c> in an instance member of
    /// a CDK construct; <c>stack.Account</c> or <c>Stack.Of(scope).Account</c> from a parameter; in JSON, a string named
    /// like an account ID, else the placeholder; null when none fits.
    /// </summary>
    private static ExpressionSyntax? AccountInScope(SyntaxNode node, SemanticModel model, bool allowPlaceholder, CancellationToken cancellationToken)
    {
        var member = node.FirstAncestorOrSelf<MemberDeclarationSyntax>(m => m is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax);
        var symbol = member is null ? null : model.GetDeclaredSymbol(member, cancellationToken);
        // Named as the code at that point can (JSON splices the value in as text, where no simplifier runs).
        var stackOf = ParseExpression(TypeName(model, node.SpanStart, "Amazon.CDK", "Stack", string.Empty));
        if (symbol is { IsStatic: false } && IsConstruct(symbol.ContainingType) && node.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>(f => f.Modifiers.Any(SyntaxKind.StaticKeyword)) is null)
        {
            return StackAccount(stackOf, ThisExpression());
        }

        if (symbol is IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (InheritsFrom(parameter.Type, "Amazon.CDK", "Stack"))
                {
                    return MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(parameter.Name), IdentifierName("Account"));
                }
            }

            foreach (var parameter in method.Parameters)
            {
                if (IsConstruct(parameter.Type))
                {
                    return StackAccount(stackOf, IdentifierName(parameter.Name));
                }
            }
        }

        if (!allowPlaceholder)
        {
            return null;
        }

        foreach (var candidate in model.LookupSymbols(node.SpanStart))
        {
            if (candidate is ILocalSymbol { Type.SpecialType: SpecialType.System_String } or IParameterSymbol { Type.SpecialType: SpecialType.System_String }
                && IsAccountName(candidate.Name))
            {
                return IdentifierName(candidate.Name);
            }
        }

        return StringLiteral(Placeholder);
    }

    private static bool IsAccountName(string name)
    {
        var trimmed = name.TrimStart('_').ToLowerInvariant();
        return trimmed is "accountid" or "awsaccountid" or "sourceaccount" or "sourceaccountid" or "owneraccountid";
    }

    private static ExpressionSyntax StackAccount(ExpressionSyntax stack, ExpressionSyntax scope)
        => MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, stack, IdentifierName("Of")), ArgumentList(SingletonSeparatedList(Argument(scope)))),
            IdentifierName("Account"));

    /// <summary>A CDK construct (<c>Constructs.Construct</c> or <c>IConstruct</c>), by name: the Constructs assembly is not an AWS one.</summary>
    private static bool IsConstruct(ITypeSymbol? type)
        => InheritsFrom(type, "Constructs", "Construct") || (type is not null && type.AllInterfaces.Concat(type.TypeKind == TypeKind.Interface ? new[] { (INamedTypeSymbol)type } : Enumerable.Empty<INamedTypeSymbol>())
            .Any(i => i.Name == "IConstruct" && i.ContainingNamespace?.ToDisplayString() == "Constructs"));

    private static bool InheritsFrom(ITypeSymbol? type, string @namespace, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == name && current.ContainingNamespace?.ToDisplayString() == @namespace)
            {
                return true;
            }
        }

        return false;
    }

    private static LiteralExpressionSyntax StringLiteral(string value) => LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(value));

    /// <summary><c>new Dictionary&lt;string, object&gt; { [key] = value }</c>, on one line, its names simplified.</summary>
    private static ExpressionSyntax Dictionary(string type, ExpressionSyntax key, ExpressionSyntax value)
        => ParseExpression("new " + type + " { [" + key.WithoutTrivia().ToFullString() + "] = " + value.WithoutTrivia().ToFullString() + " }");

    /// <summary>
    /// <paramref name="name"/> (with <paramref name="typeArguments"/>) where it names the type at <paramref name="position"/>
    /// (a using is in scope), else the namespace-qualified name.
    /// </summary>
    private static string TypeName(SemanticModel model, int position, string @namespace, string name, string typeArguments)
        => model.LookupNamespacesAndTypes(position, name: name).OfType<INamedTypeSymbol>().FirstOrDefault() is { ContainingNamespace: var ns } && ns.ToDisplayString() == @namespace
            ? name + typeArguments
            : @namespace + "." + name + typeArguments;

    private static SyntaxNode AddMember(BaseObjectCreationExpressionSyntax creation, string name, ExpressionSyntax value)
        => ExternalIdWriter.AddToInitializer(creation, value, name);

    /// <summary>FixAll: every fix of the scope through one editor per document; two principals of one statement get one condition.</summary>
    private sealed class FixAll : FixAllProvider
    {
        public static readonly FixAll Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            => Task.FromResult<CodeAction?>(CodeAction.Create(
                "Fix all: require the source account",
                async ct =>
                {
                    var solution = fixAllContext.Solution;
                    foreach (var document in FixAllKeys.DocumentsInScope(fixAllContext))
                    {
                        var diagnostics = await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
                        if (diagnostics.IsEmpty)
                        {
                            continue;
                        }

                        var editor = await DocumentEditor.CreateAsync(solution.GetDocument(document.Id)!, ct).ConfigureAwait(false);
                        var done = new HashSet<(ResourceFixKind, Microsoft.CodeAnalysis.Text.TextSpan, int)>();
                        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
                        {
                            if (Plan.Of(editor.OriginalRoot, editor.SemanticModel, diagnostic, ct) is { } plan
                                && done.Add((plan.Kind, plan.Target.Span, JsonIndex(diagnostic)))
                                && plan.CanApply(editor.SemanticModel, ct))
                            {
                                plan.Apply(editor, ct);
                            }
                        }

                        solution = solution.WithDocumentSyntaxRoot(document.Id, editor.GetChangedRoot());
                    }

                    return solution;
                },
                EquivalenceKey));

        private static int JsonIndex(Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(ResourcePolicyReaders.JsonStatementProperty, out var text)
               && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) ? index : -1;
    }
}
