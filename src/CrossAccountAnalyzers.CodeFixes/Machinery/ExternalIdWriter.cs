using System.Linq;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.CodeFixes.TrustPolicies;
using CrossAccountAnalyzers.ExternalId;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace CrossAccountAnalyzers.CodeFixes.Machinery;

/// <summary>
/// Writes an ExternalId value where a diagnostic says it belongs (an initializer, a new options argument, or in place
/// of an explicit null/""), through a <see cref="DocumentEditor"/> so that many fixes in one document compose.
/// Idempotent: an initializer that already assigns ExternalId has its value replaced, never a duplicate added.
/// </summary>
internal static class ExternalIdWriter
{
    public static bool CanWrite(SyntaxNode root, Diagnostic diagnostic)
        => TryGetPlan(root, diagnostic, out _, out _, out _);

    public static void Write(DocumentEditor editor, Diagnostic diagnostic, ExpressionSyntax value)
    {
        if (!TryGetPlan(editor.OriginalRoot, diagnostic, out var kind, out var target, out var emptyValues))
        {
            return;
        }

        if (emptyValues.Length > 0)
        {
            foreach (var empty in emptyValues)
            {
                editor.ReplaceNode(empty, (current, _) => value.WithTriviaFrom(current));
            }

            return;
        }

        switch (kind)
        {
            case ExternalIdFixKind.Initializer:
                editor.ReplaceNode(target, (current, _) => AddToInitializer((ExpressionSyntax)current, value));
                break;
            case ExternalIdFixKind.AddOptionsArgument:
                editor.ReplaceNode(target, (current, _) => AddOptionsArgument((BaseObjectCreationExpressionSyntax)current, value, editor.SemanticModel));
                break;
            case ExternalIdFixKind.ReplaceOptionsArgument:
                editor.ReplaceNode(target, (current, _) => NewOptions(value).WithTriviaFrom(current));
                break;
            case ExternalIdFixKind.ReplaceValue:
                editor.ReplaceNode(target, (current, _) => value.WithoutTrivia().WithTriviaFrom(current));
                break;
            case ExternalIdFixKind.ExternalIdsArray:
                editor.ReplaceNode(target, (current, _) => AddExternalIds((ExpressionSyntax)current, value));
                break;
            case ExternalIdFixKind.StatementConditions:
                editor.ReplaceNode(target, (current, _) => AddToInitializer((ExpressionSyntax)current, ExternalIdConditions(value), "Conditions"));
                break;
            case ExternalIdFixKind.StatementAddCondition when target is LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1 } declaration
                                                               && InsertedAfter.GetOrCreateValue(editor).Add(declaration):
                var variable = declaration.Declaration.Variables[0];
                var call = ExpressionStatement(InvocationExpression(
                        MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(variable.Identifier.ValueText), IdentifierName("AddCondition")),
                        ArgumentList(SeparatedList<ArgumentSyntax>(new SyntaxNodeOrToken[]
                        {
                            Argument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal("StringEquals"))),
                            Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space),
                            Argument(ExternalIdDictionary(value)),
                        }))))
                    .WithLeadingTrivia(declaration.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
                    .WithTrailingTrivia(declaration.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).DefaultIfEmpty(ElasticCarriageReturnLineFeed).Take(1));
                editor.InsertAfter(declaration, call);
                break;
            case ExternalIdFixKind.JsonCondition when JsonStatement(diagnostic) is { } statement:
                var constants = JsonPolicyWriter.Constants(editor.SemanticModel, (ExpressionSyntax)target, System.Threading.CancellationToken.None);
                editor.ReplaceNode(target, (current, _) => JsonPolicyWriter.Apply((ExpressionSyntax)current, statement, value, constants) is { } written
                    ? current.CopyAnnotationsTo(written.WithTriviaFrom(current)) // keeps the editor's tracking for the next statement
                    : current);
                break;
        }
    }

    /// <summary>Whether the JSON fix can write <paramref name="value"/> into the policy of <paramref name="diagnostic"/>.</summary>
    public static bool CanWriteJson(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, ExpressionSyntax value, System.Threading.CancellationToken cancellationToken)
        => TryGetPlan(root, diagnostic, out var kind, out var target, out _)
           && kind == ExternalIdFixKind.JsonCondition
           && JsonStatement(diagnostic) is { } statement
           && JsonPolicyWriter.Apply((ExpressionSyntax)target, statement, value, JsonPolicyWriter.Constants(model, (ExpressionSyntax)target, cancellationToken)) is not null;

    public static bool IsJson(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(ExternalIdFix.FixKindProperty, out var kind) && kind == nameof(ExternalIdFixKind.JsonCondition);

    private static int? JsonStatement(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(ExternalIdFix.JsonStatementProperty, out var text)
           && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) ? index : null;

    /// <summary>The node where the ExternalId goes (used to find what is in scope there).</summary>
    public static SyntaxNode? GetAnchor(SyntaxNode root, Diagnostic diagnostic)
        => TryGetPlan(root, diagnostic, out _, out var target, out var empties) ? (empties.Length > 0 ? empties[0] : target) : null;

    private static bool TryGetPlan(SyntaxNode root, Diagnostic diagnostic, out ExternalIdFixKind kind, out SyntaxNode target, out SyntaxNode[] emptyValues)
    {
        kind = default;
        target = null!;
        emptyValues = System.Array.Empty<SyntaxNode>();
        if (!diagnostic.Properties.TryGetValue(ExternalIdFix.FixKindProperty, out var kindText)
            || !System.Enum.TryParse(kindText, out kind)
            || diagnostic.AdditionalLocations.Count == 0)
        {
            return false;
        }

        var found = FindNode(root, diagnostic.AdditionalLocations[0]);
        if (found is null)
        {
            return false;
        }

        target = found;
        emptyValues = diagnostic.AdditionalLocations.Skip(1).Select(l => FindNode(root, l)).Where(n => n is ExpressionSyntax).ToArray()!;
        return kind switch
        {
            ExternalIdFixKind.Initializer => target is BaseObjectCreationExpressionSyntax || emptyValues.Length > 0,
            ExternalIdFixKind.AddOptionsArgument => target is BaseObjectCreationExpressionSyntax { ArgumentList: not null },
            ExternalIdFixKind.ReplaceOptionsArgument => target is ExpressionSyntax,
            ExternalIdFixKind.ReplaceValue => target is ExpressionSyntax,
            ExternalIdFixKind.ExternalIdsArray => target is BaseObjectCreationExpressionSyntax,
            ExternalIdFixKind.JsonCondition => target is ExpressionSyntax,
            ExternalIdFixKind.StatementConditions => target is BaseObjectCreationExpressionSyntax,
            ExternalIdFixKind.StatementAddCondition => target is LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1 },
            _ => false,
        };
    }

    private static SyntaxNode? FindNode(SyntaxNode root, Location location)
    {
        if (!location.IsInSource || location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(location.SourceSpan))
        {
            return null;
        }

        return root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
    }

    /// <summary>The statements each editor already gave an <c>AddCondition</c> call (one per statement however many principals it has).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DocumentEditor, System.Collections.Generic.HashSet<SyntaxNode>> InsertedAfter = new();

    /// <summary><c>new Dictionary&lt;string, object&gt; { ["sts:ExternalId"] = value }</c>, the type simplified where the namespace is imported.</summary>
    private static ExpressionSyntax ExternalIdDictionary(ExpressionSyntax value)
        => Dictionary("sts:ExternalId", value);

    /// <summary>A CDK statement's <c>Conditions</c>: <c>{ ["StringEquals"] = { ["sts:ExternalId"] = value } }</c>.</summary>
    private static ExpressionSyntax ExternalIdConditions(ExpressionSyntax value)
        => Dictionary("StringEquals", ExternalIdDictionary(value));

    private static ExpressionSyntax Dictionary(string key, ExpressionSyntax value)
        => ObjectCreationExpression(ParseTypeName("global::System.Collections.Generic.Dictionary<string, object>").WithAdditionalAnnotations(Simplifier.Annotation))
            .WithNewKeyword(Token(SyntaxKind.NewKeyword).WithTrailingTrivia(Space))
            .WithArgumentList(null)
            .WithInitializer(InitializerExpression(
                SyntaxKind.ObjectInitializerExpression,
                Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(Space).WithTrailingTrivia(Space),
                SingletonSeparatedList<ExpressionSyntax>(AssignmentExpression(
                    SyntaxKind.SimpleAssignmentExpression,
                    ImplicitElementAccess(BracketedArgumentList(SingletonSeparatedList(Argument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(key)))))),
                    value.WithoutTrivia()).WithOperatorToken(Token(SyntaxKind.EqualsToken).WithLeadingTrivia(Space).WithTrailingTrivia(Space))),
                Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(Space)));

    internal static AssignmentExpressionSyntax ExternalIdAssignment(ExpressionSyntax value) => MemberAssignment(AwsTypes.ExternalIdProperty, value);

    private static AssignmentExpressionSyntax MemberAssignment(string propertyName, ExpressionSyntax value)
        => AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(propertyName), value.WithoutTrivia())
            .WithOperatorToken(Token(SyntaxKind.EqualsToken).WithLeadingTrivia(Space).WithTrailingTrivia(Space));

    /// <summary><c>ExternalIds = new[] { value }</c> in a CDK <c>RoleProps</c> initializer (an empty one is replaced).</summary>
    private static ExpressionSyntax AddExternalIds(ExpressionSyntax creationExpression, ExpressionSyntax value)
    {
        var array = ImplicitArrayCreationExpression(InitializerExpression(
            SyntaxKind.ArrayInitializerExpression,
            Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(Space).WithTrailingTrivia(Space),
            SingletonSeparatedList(value.WithoutTrivia()),
            Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(Space)));
        return AddToInitializer(creationExpression, array, "ExternalIds");
    }

    private static ExpressionSyntax AddToInitializer(ExpressionSyntax creationExpression, ExpressionSyntax value)
        => AddToInitializer(creationExpression, value, AwsTypes.ExternalIdProperty);

    /// <summary><c>propertyName = value</c> in an object creation's initializer (made when there is none; an existing assignment has its value replaced), keeping the initializer's layout.</summary>
    internal static ExpressionSyntax AddToInitializer(ExpressionSyntax creationExpression, ExpressionSyntax value, string propertyName)
    {
        if (creationExpression is not BaseObjectCreationExpressionSyntax creation)
        {
            return creationExpression;
        }

        var assignment = MemberAssignment(propertyName, value);
        if (creation.Initializer is { } initializer)
        {
            // Already assigned (a second fix for the same object, or an explicit null): replace the value.
            var existing = initializer.Expressions.OfType<AssignmentExpressionSyntax>()
                .FirstOrDefault(a => a.Left is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == propertyName);
            if (existing is not null)
            {
                return creation.ReplaceNode(existing.Right, value.WithTriviaFrom(existing.Right));
            }

            return creation.WithInitializer(AddExpression(initializer, assignment));
        }

        // `new AssumeRoleRequest()` / `new()` / `new AssumeRoleRequest`: append ` { ExternalId = value }`, keeping what followed.
        var trailing = creation.GetTrailingTrivia();
        var newInitializer = InitializerExpression(
                SyntaxKind.ObjectInitializerExpression,
                Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(Space).WithTrailingTrivia(Space),
                SingletonSeparatedList<ExpressionSyntax>(assignment),
                Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(Space))
            .WithTrailingTrivia(trailing);
        return creation.WithoutTrailingTrivia().WithInitializer(newInitializer);
    }

    private static InitializerExpressionSyntax AddExpression(InitializerExpressionSyntax initializer, ExpressionSyntax expression)
    {
        var expressions = initializer.Expressions;
        if (expressions.Count == 0)
        {
            // `{ }` or `{}`: `{ ExternalId = value }`.
            return initializer
                .WithOpenBraceToken(initializer.OpenBraceToken.WithTrailingTrivia(Space))
                .WithExpressions(SingletonSeparatedList(expression))
                .WithCloseBraceToken(initializer.CloseBraceToken.WithLeadingTrivia(Space));
        }

        var last = expressions.Last();
        var multiline = initializer.OpenBraceToken.TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia)
            || expressions.GetSeparators().Any(s => s.TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia))
            || last.GetTrailingTrivia().Any(SyntaxKind.EndOfLineTrivia);
        var items = expressions.GetWithSeparators().ToList();
        if (!multiline)
        {
            // `{ A = 1, B = 2 }` -> `{ A = 1, B = 2, ExternalId = value }`
            if (expressions.SeparatorCount == expressions.Count)
            {
                items.Add(expression.WithLeadingTrivia(Space));
                items.Add(Token(SyntaxKind.CommaToken));
                return initializer.WithExpressions(SeparatedList<ExpressionSyntax>(items));
            }

            items[items.Count - 1] = last.WithoutTrailingTrivia();
            items.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space));
            items.Add(expression.WithTrailingTrivia(last.GetTrailingTrivia()));
            return initializer.WithExpressions(SeparatedList<ExpressionSyntax>(items));
        }

        // One member per line: same indentation as the last member; keep a trailing comma if the list had one.
        var indented = expression.WithLeadingTrivia(last.GetLeadingTrivia());
        if (expressions.SeparatorCount == expressions.Count)
        {
            var lastSeparator = expressions.GetSeparator(expressions.SeparatorCount - 1);
            items.Add(indented);
            items.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(lastSeparator.TrailingTrivia.Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia))));
            return initializer.WithExpressions(SeparatedList<ExpressionSyntax>(items));
        }

        var trailing = last.GetTrailingTrivia();
        items[items.Count - 1] = last.WithoutTrailingTrivia();
        items.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(trailing));
        var endOfLine = trailing.Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).Take(1);
        items.Add(indented.WithTrailingTrivia(endOfLine));
        return initializer.WithExpressions(SeparatedList<ExpressionSyntax>(items));
    }

    private static BaseObjectCreationExpressionSyntax AddOptionsArgument(BaseObjectCreationExpressionSyntax creation, ExpressionSyntax value, SemanticModel model)
    {
        var arguments = creation.ArgumentList!;
        var options = NewOptions(value);
        var argument = Argument(options);
        if (arguments.Arguments.Any(a => a.NameColon is not null))
        {
            var name = FindOptionsParameterName(model) ?? "options";
            argument = argument.WithNameColon(NameColon(IdentifierName(name)));
        }

        return creation.WithArgumentList(arguments.WithArguments(SyntaxListEditing.Insert(arguments.Arguments, arguments.Arguments.Count, argument)));
    }

    private static string? FindOptionsParameterName(SemanticModel model)
    {
        var types = AwsTypes.Get(model.Compilation);
        return types.AssumeRoleAWSCredentials?.InstanceConstructors
            .SelectMany(c => c.Parameters)
            .FirstOrDefault(p => SymbolEqualityComparer.Default.Equals(p.Type, types.AssumeRoleAWSCredentialsOptions))?.Name;
    }

    private static ExpressionSyntax NewOptions(ExpressionSyntax value)
        => ObjectCreationExpression(ParseTypeName("global::" + AwsTypes.AssumeRoleAWSCredentialsOptionsName).WithAdditionalAnnotations(Simplifier.Annotation))
            .WithNewKeyword(Token(SyntaxKind.NewKeyword).WithTrailingTrivia(Space))
            .WithInitializer(InitializerExpression(
                SyntaxKind.ObjectInitializerExpression,
                Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(Space).WithTrailingTrivia(Space),
                SingletonSeparatedList<ExpressionSyntax>(ExternalIdAssignment(value)),
                Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(Space)));
}
