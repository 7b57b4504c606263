using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace CrossAccountAnalyzers.CodeFixes.Machinery;

/// <summary>
/// Adds a required <c>string externalId</c> parameter to the method that holds a diagnostic, sets the ExternalId from
/// it, and updates every caller in the solution. A caller passes an external id it has in scope, a parameter this
/// same fix adds to it, or the configuration read (which throws when the value is missing): never a silent null.
/// </summary>
internal static class ParameterIntroducer
{
    public const string DefaultParameterName = "externalId";

    /// <summary>The method, local function or constructor that can take the new parameter, or null.</summary>
    public static SyntaxNode? FindTargetMethod(SyntaxNode node)
        => node.FirstAncestorOrSelf<SyntaxNode>(n => n is MethodDeclarationSyntax or LocalFunctionStatementSyntax or ConstructorDeclarationSyntax
            or BaseTypeDeclarationSyntax or AccessorDeclarationSyntax or BasePropertyDeclarationSyntax or FieldDeclarationSyntax or OperatorDeclarationSyntax
            or ConversionOperatorDeclarationSyntax or DestructorDeclarationSyntax) switch
        {
            MethodDeclarationSyntax m when m.Body is not null || m.ExpressionBody is not null => m,
            LocalFunctionStatementSyntax l => l,
            ConstructorDeclarationSyntax c when c.ParameterList.Parameters.Count > 0 => c,
            _ => null,
        };

    /// <summary>Checks the method can take a new parameter: not an override, interface implementation, entry point, or used as a method group.</summary>
    public static async Task<bool> CanIntroduceAsync(Document document, SyntaxNode method, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model?.GetDeclaredSymbol(method, cancellationToken) is not IMethodSymbol symbol || !IsChangeable(symbol, model.Compilation))
        {
            return false;
        }

        var references = await FindCallSitesAsync(document.Project.Solution, symbol, cancellationToken).ConfigureAwait(false);
        return references is not null;
    }

    private static bool IsChangeable(IMethodSymbol method, Compilation compilation)
    {
        if (method.IsOverride || method.IsAbstract || method.IsVirtual || method.IsExtern || method.ExplicitInterfaceImplementations.Length > 0
            || method.PartialDefinitionPart is not null || method.PartialImplementationPart is not null
            || method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction or MethodKind.Constructor)
            || SymbolEqualityComparer.Default.Equals(compilation.GetEntryPoint(CancellationToken.None), method))
        {
            return false;
        }

        // Implicit interface implementation: the interface would no longer be implemented.
        foreach (var iface in method.ContainingType?.AllInterfaces ?? ImmutableArray<INamedTypeSymbol>.Empty)
        {
            foreach (var member in iface.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType!.FindImplementationForInterfaceMember(member), method))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Every call site's argument list, or null when some reference is not a plain call (a method group, a delegate).</summary>
    private static async Task<List<(Document Document, SyntaxNode ArgumentList, bool ReducedExtension)>?> FindCallSitesAsync(Solution solution, IMethodSymbol method, CancellationToken cancellationToken)
    {
        var result = new List<(Document, SyntaxNode, bool)>();
        var references = await SymbolFinder.FindReferencesAsync(method, solution, cancellationToken).ConfigureAwait(false);
        foreach (var location in references.SelectMany(r => r.Locations))
        {
            if (location.IsImplicit || location.Location.SourceTree is null)
            {
                return null;
            }

            var root = await location.Location.SourceTree.GetRootAsync(cancellationToken).ConfigureAwait(false);
            var node = root.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node.FirstAncestorOrSelf<SyntaxNode>(n => n is CrefSyntax or DocumentationCommentTriviaSyntax) is not null
                || IsInNameOf(node))
            {
                continue;
            }

            var expression = node.Parent is MemberAccessExpressionSyntax access && access.Name == node ? access
                : node.Parent is MemberBindingExpressionSyntax binding ? (SyntaxNode)binding
                : node;
            while (expression.Parent is ParenthesizedExpressionSyntax)
            {
                expression = expression.Parent;
            }

            SyntaxNode? argumentList = expression.Parent switch
            {
                InvocationExpressionSyntax invocation when invocation.Expression == expression => invocation.ArgumentList,
                _ => null,
            };

            // Constructors: `new T(...)`, `: this(...)`, `: base(...)`.
            argumentList ??= node.FirstAncestorOrSelf<SyntaxNode>(n => n is ObjectCreationExpressionSyntax or ConstructorInitializerSyntax) switch
            {
                ObjectCreationExpressionSyntax creation when method.MethodKind == MethodKind.Constructor && creation.Type.Span.Contains(node.Span) => creation.ArgumentList,
                ConstructorInitializerSyntax initializer when method.MethodKind == MethodKind.Constructor && initializer.ThisOrBaseKeyword.Span == node.Span => initializer.ArgumentList,
                _ => null,
            };
            if (argumentList is null && node is ImplicitObjectCreationExpressionSyntax implicitCreation)
            {
                argumentList = implicitCreation.ArgumentList;
            }

            if (argumentList is null)
            {
                return null;
            }

            var document = solution.GetDocument(location.Location.SourceTree);
            if (document is null)
            {
                return null;
            }

            var reduced = method.IsExtensionMethod && expression is MemberAccessExpressionSyntax or MemberBindingExpressionSyntax;
            result.Add((document, argumentList, reduced));
        }

        return result;
    }

    private static bool IsInNameOf(SyntaxNode node)
        => node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } invocation
           && invocation.ArgumentList.Span.Contains(node.Span);

    /// <summary>
    /// Applies the fix for every diagnostic in <paramref name="diagnostics"/> (one, or a FixAll batch) to the original
    /// solution in a single pass: one new parameter per method, however many sinks it holds.
    /// </summary>
    public static async Task<Solution> ApplyAsync(Solution solution, IEnumerable<(Document Document, Diagnostic Diagnostic)> diagnostics, CancellationToken cancellationToken)
    {
        var editors = new Dictionary<DocumentId, DocumentEditor>();
        async Task<DocumentEditor> EditorFor(Document document)
        {
            if (!editors.TryGetValue(document.Id, out var editor))
            {
                editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
                editors.Add(document.Id, editor);
            }

            return editor;
        }

        // 1. Group the diagnostics by the method that gets the parameter.
        var methods = new Dictionary<IMethodSymbol, (Document Document, SyntaxNode Declaration, List<Diagnostic> Diagnostics)>(SymbolEqualityComparer.Default);
        foreach (var (document, diagnostic) in diagnostics)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var anchor = root is null ? null : ExternalIdWriter.GetAnchor(root, diagnostic);
            var declaration = anchor is null ? null : FindTargetMethod(anchor);
            if (declaration is null || model?.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method || !IsChangeable(method, model.Compilation))
            {
                continue;
            }

            if (!methods.TryGetValue(method, out var entry))
            {
                entry = (document, declaration, new List<Diagnostic>());
                methods.Add(method, entry);
            }

            entry.Diagnostics.Add(diagnostic);
        }

        // 2. Choose parameter names and find the callers before anything changes.
        var plans = new List<(IMethodSymbol Method, Document Document, SyntaxNode Declaration, List<Diagnostic> Diagnostics, string Name, List<(Document Document, SyntaxNode ArgumentList, bool ReducedExtension)> Calls)>();
        foreach (var pair in methods)
        {
            // A parameter this fix added before (one diagnostic at a time) is reused, not added twice.
            var existing = ExistingParameter(pair.Key);
            if (existing is not null)
            {
                var editor = await EditorFor(pair.Value.Document).ConfigureAwait(false);
                foreach (var diagnostic in pair.Value.Diagnostics)
                {
                    ExternalIdWriter.Write(editor, diagnostic, IdentifierName(existing.Name));
                }

                continue;
            }

            var calls = await FindCallSitesAsync(solution, pair.Key, cancellationToken).ConfigureAwait(false);
            if (calls is null)
            {
                continue;
            }

            var model = await pair.Value.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var name = UniqueName(model!, pair.Value.Declaration, pair.Key);
            plans.Add((pair.Key, pair.Value.Document, pair.Value.Declaration, pair.Value.Diagnostics, name, calls));
        }

        // 3. Edit: parameter lists, ExternalId sinks, call sites.
        foreach (var plan in plans)
        {
            var editor = await EditorFor(plan.Document).ConfigureAwait(false);
            var parameterList = GetParameterList(plan.Declaration)!;
            var index = InsertionIndex(plan.Method);
            var parameter = Parameter(Identifier(plan.Name)).WithType(PredefinedType(Token(SyntaxKind.StringKeyword)).WithTrailingTrivia(Space));
            editor.ReplaceNode(parameterList, (current, _) =>
            {
                var list = (ParameterListSyntax)current;
                return list.WithParameters(SyntaxListEditing.Insert(list.Parameters, index, parameter));
            });

            foreach (var diagnostic in plan.Diagnostics)
            {
                ExternalIdWriter.Write(editor, diagnostic, IdentifierName(plan.Name));
            }

            var argumentIndex = index;
            foreach (var call in plan.Calls)
            {
                var callEditor = await EditorFor(call.Document).ConfigureAwait(false);
                var value = await ValueForCallerAsync(call.Document, call.ArgumentList, plans.Select(p => (p.Declaration, p.Name)), cancellationToken).ConfigureAwait(false);
                var position = call.ReducedExtension ? argumentIndex - 1 : argumentIndex;
                callEditor.ReplaceNode(call.ArgumentList, (current, _) => AddArgument(current, position, plan.Name, value));
            }
        }

        var result = solution;
        foreach (var editor in editors.Values)
        {
            var document = result.GetDocument(editor.OriginalDocument.Id)!;
            var changed = editor.GetChangedRoot();
            result = result.WithDocumentSyntaxRoot(document.Id, changed);
        }

        return result;
    }

    /// <summary>A string parameter of <paramref name="method"/> named like an external id, or null.</summary>
    public static IParameterSymbol? ExistingParameter(IMethodSymbol method)
        => method.Parameters.FirstOrDefault(p => p.Type.SpecialType == SpecialType.System_String && p.RefKind != RefKind.Out && ExternalIdSources.LooksLikeExternalId(p.Name));

    private static async Task<ExpressionSyntax> ValueForCallerAsync(Document document, SyntaxNode argumentList, IEnumerable<(SyntaxNode Declaration, string Name)> introduced, CancellationToken cancellationToken)
    {
        // A caller that is itself getting a parameter from this fix passes it on.
        foreach (var (declaration, name) in introduced)
        {
            if (declaration.SyntaxTree == argumentList.SyntaxTree && declaration.Span.Contains(argumentList.Span)
                && FindTargetMethod(argumentList) == declaration)
            {
                return IdentifierName(name);
            }
        }

        var model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        var inScope = ExternalIdSources.FindInScope(model, argumentList, ExternalIdSources.LooksLikeExternalId, cancellationToken);
        if (inScope is not null)
        {
            return inScope.Expression;
        }

        var variable = CxaOptions.GetExternalIdEnvironmentVariable(document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider, argumentList.SyntaxTree);
        return ExternalIdSources.FromConfiguration(model, argumentList, variable, cancellationToken).Expression;
    }

    private static SyntaxNode AddArgument(SyntaxNode current, int index, string parameterName, ExpressionSyntax value)
    {
        var list = (BaseArgumentListSyntax)current;
        var arguments = list.Arguments;
        var argument = Argument(value.WithoutTrivia());

        // Positional when every argument before the slot is positional; otherwise named, at the end.
        var positionalPrefix = 0;
        while (positionalPrefix < arguments.Count && arguments[positionalPrefix].NameColon is null)
        {
            positionalPrefix++;
        }

        if (positionalPrefix >= index)
        {
            return list.WithArguments(SyntaxListEditing.Insert(arguments, index, argument));
        }

        argument = argument.WithNameColon(NameColon(IdentifierName(parameterName)).WithTrailingTrivia(Space));
        return list.WithArguments(SyntaxListEditing.Insert(arguments, arguments.Count, argument));
    }

    private static int InsertionIndex(IMethodSymbol method)
    {
        // Required parameters come before optional ones and `params`.
        var index = 0;
        while (index < method.Parameters.Length && !method.Parameters[index].IsOptional && !method.Parameters[index].IsParams)
        {
            index++;
        }

        return index;
    }

    private static ParameterListSyntax? GetParameterList(SyntaxNode declaration) => declaration switch
    {
        BaseMethodDeclarationSyntax method => method.ParameterList,
        LocalFunctionStatementSyntax local => local.ParameterList,
        _ => null,
    };

    private static string UniqueName(SemanticModel model, SyntaxNode declaration, IMethodSymbol method)
    {
        var taken = new HashSet<string>(method.Parameters.Select(p => p.Name));
        foreach (var node in declaration.DescendantNodes())
        {
            if (node is VariableDeclaratorSyntax v)
            {
                taken.Add(v.Identifier.ValueText);
            }
            else if (node is SingleVariableDesignationSyntax d)
            {
                taken.Add(d.Identifier.ValueText);
            }
            else if (node is ParameterSyntax p)
            {
                taken.Add(p.Identifier.ValueText);
            }
            else if (node is LocalFunctionStatementSyntax f)
            {
                taken.Add(f.Identifier.ValueText);
            }
        }

        var name = DefaultParameterName;
        for (var i = 2; taken.Contains(name); i++)
        {
            name = DefaultParameterName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }
}
