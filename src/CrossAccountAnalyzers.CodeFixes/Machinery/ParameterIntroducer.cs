using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
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

        // A constructor that nothing in the solution calls is called by a framework (dependency injection, a host): a
        // new parameter there would not be resolved.
        return references is not null && !(symbol.MethodKind == MethodKind.Constructor && references.Count == 0);
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

        if (IsSignatureFixedElsewhere(method))
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

    /// <summary>
    /// A signature that something other than its callers fixes: a test method (xunit, NUnit, MSTest), <c>Main</c>, an
    /// event handler, a method a framework binds (any attribute on the method or its parameters, such as
    /// <c>[HttpGet]</c>, <c>[Function]</c>, <c>[FromServices]</c>, <c>[FromBody]</c>), an ASP.NET Core controller
    /// action, a Razor Pages handler or a SignalR hub method.
    /// </summary>
    private static bool IsSignatureFixedElsewhere(IMethodSymbol method)
    {
        if (method.MethodKind == MethodKind.Ordinary && method.Name == "Main" && method.IsStatic)
        {
            return true;
        }

        if (method.GetAttributes().Any(IsFrameworkAttribute) || method.Parameters.Any(p => p.GetAttributes().Any(IsFrameworkAttribute)))
        {
            // [Fact], [Theory], [Test], [TestMethod], [HttpPost], [Function], [FromServices], ...: bound by a framework.
            return true;
        }

        if (method.Parameters.Length == 2 && method.Parameters[0].Type.SpecialType == SpecialType.System_Object && DerivesFrom(method.Parameters[1].Type, "System.EventArgs"))
        {
            return true;
        }

        if (method.Parameters.Any(p => p.Type.Name == "ILambdaContext"))
        {
            // An AWS Lambda handler: the runtime calls it with its event and context only.
            return true;
        }

        if (method.MethodKind == MethodKind.Ordinary && method.DeclaredAccessibility == Accessibility.Public && !method.IsStatic && method.ContainingType is { } type
            && (DerivesFrom(type, "Microsoft.AspNetCore.Mvc.ControllerBase") || DerivesFrom(type, "Microsoft.AspNetCore.Mvc.Controller")
                || DerivesFrom(type, "Microsoft.AspNetCore.SignalR.Hub")
                || (DerivesFrom(type, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel") && method.Name.StartsWith("On", StringComparison.Ordinal))
                || (type.Name.EndsWith("Controller", StringComparison.Ordinal) && !type.IsAbstract)))
        {
            return true;
        }

        return false;
    }

    /// <summary>Any attribute but the language's and the runtime's own (nullability, diagnostics, compiler services, <c>[Obsolete]</c>).</summary>
    private static bool IsFrameworkAttribute(AttributeData attribute)
    {
        var ns = attribute.AttributeClass?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return attribute.AttributeClass is not null
               && attribute.AttributeClass.ToDisplayString() != "System.ObsoleteAttribute"
               && !ns.StartsWith("System.Diagnostics", StringComparison.Ordinal)
               && !ns.StartsWith("System.Runtime.CompilerServices", StringComparison.Ordinal)
               && ns != "System.ComponentModel";
    }

    private static bool DerivesFrom(ITypeSymbol? type, string metadataName)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() == metadataName || (current is INamedTypeSymbol { IsGenericType: true } generic && generic.ConstructedFrom.ToDisplayString().StartsWith(metadataName + "<", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
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
        var requests = new List<ParameterRequest>();
        foreach (var (document, diagnostic) in diagnostics)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            requests.Add(new ParameterRequest(
                document,
                root is null ? null : ExternalIdWriter.GetAnchor(root, diagnostic),
                ImmutableArray.Create(ParameterSpec.ExternalId),
                (editor, names) => ExternalIdWriter.Write(editor, diagnostic, IdentifierName(names[0]))));
        }

        return await ApplyAsync(solution, requests, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The general form: each request names the parameters it needs in the method that holds its anchor, and how to
    /// write the fix once their names are known. Parameters are shared per method, existing ones reused, callers updated.
    /// </summary>
    public static async Task<Solution> ApplyAsync(Solution solution, IEnumerable<ParameterRequest> requests, CancellationToken cancellationToken)
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

        // 1. Group the requests by the method that gets the parameters; requests that need none, or whose method
        //    cannot take one, are written directly (their fallback).
        var methods = new Dictionary<IMethodSymbol, MethodPlan>(SymbolEqualityComparer.Default);
        var direct = new List<ParameterRequest>();
        foreach (var request in requests)
        {
            var model = await request.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var declaration = request.Anchor is null || request.Parameters.IsEmpty ? null : FindTargetMethod(request.Anchor);
            if (declaration is null || model?.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method || !IsChangeable(method, model.Compilation))
            {
                direct.Add(request);
                continue;
            }

            if (!methods.TryGetValue(method, out var plan))
            {
                plan = new MethodPlan(method, request.Document, declaration);
                methods.Add(method, plan);
            }

            plan.Requests.Add(request);
            foreach (var spec in request.Parameters)
            {
                if (!plan.Specs.Any(s => s.Name == spec.Name))
                {
                    plan.Specs.Add(spec);
                }
            }
        }

        // 2. Names (reusing a parameter the method already has) and callers, before anything changes.
        var plans = new List<MethodPlan>();
        foreach (var plan in methods.Values)
        {
            var taken = TakenNames(plan.Declaration, plan.Method);
            foreach (var spec in plan.Specs)
            {
                var existing = plan.Method.Parameters.FirstOrDefault(p => p.Type.SpecialType == SpecialType.System_String && p.RefKind != RefKind.Out && spec.LooksLike(p.Name));
                if (existing is not null)
                {
                    plan.Names[spec.Name] = existing.Name;
                    continue;
                }

                var name = spec.Name;
                for (var i = 2; taken.Contains(name); i++)
                {
                    name = spec.Name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                taken.Add(name);
                plan.Names[spec.Name] = name;
                plan.Added.Add((spec, name));
            }

            if (plan.Added.Count > 0)
            {
                var calls = await FindCallSitesAsync(solution, plan.Method, cancellationToken).ConfigureAwait(false);
                if (calls is null)
                {
                    direct.AddRange(plan.Requests);
                    continue;
                }

                plan.Calls.AddRange(calls);
            }

            plans.Add(plan);
        }

        // 3. Edit: parameter lists, the sinks, call sites.
        foreach (var plan in plans)
        {
            var editor = await EditorFor(plan.Document).ConfigureAwait(false);
            if (plan.Added.Count > 0)
            {
                var parameterList = GetParameterList(plan.Declaration)!;
                var index = InsertionIndex(plan.Method);
                var added = plan.Added.Select(a => a.Name).ToArray();
                editor.ReplaceNode(parameterList, (current, _) =>
                {
                    var list = (ParameterListSyntax)current;
                    var parameters = list.Parameters;
                    for (var i = 0; i < added.Length; i++)
                    {
                        var parameter = Parameter(Identifier(added[i])).WithType(PredefinedType(Token(SyntaxKind.StringKeyword)).WithTrailingTrivia(Space));
                        parameters = SyntaxListEditing.Insert(parameters, index + i, parameter);
                    }

                    return list.WithParameters(parameters);
                });
            }

            foreach (var request in plan.Requests)
            {
                request.Write(editor, request.Parameters.Select(p => plan.Names[p.Name]).ToArray());
            }

            foreach (var call in plan.Calls)
            {
                var callEditor = await EditorFor(call.Document).ConfigureAwait(false);
                var values = new List<(string Name, ExpressionSyntax Value)>();
                foreach (var (spec, name) in plan.Added)
                {
                    values.Add((name, await ValueForCallerAsync(call.Document, call.ArgumentList, spec, plans, cancellationToken).ConfigureAwait(false)));
                }

                var position = call.ReducedExtension ? InsertionIndex(plan.Method) - 1 : InsertionIndex(plan.Method);
                callEditor.ReplaceNode(call.ArgumentList, (current, _) =>
                {
                    for (var i = 0; i < values.Count; i++)
                    {
                        current = AddArgument(current, position + i, values[i].Name, values[i].Value);
                    }

                    return current;
                });
            }
        }

        foreach (var request in direct)
        {
            if (request.Fallback is not null)
            {
                request.Fallback(await EditorFor(request.Document).ConfigureAwait(false));
            }
        }

        var result = solution;
        foreach (var editor in editors.Values)
        {
            result = result.WithDocumentSyntaxRoot(editor.OriginalDocument.Id, editor.GetChangedRoot());
        }

        return result;
    }

    /// <summary>A string parameter of <paramref name="method"/> named like an external id, or null.</summary>
    public static IParameterSymbol? ExistingParameter(IMethodSymbol method)
        => method.Parameters.FirstOrDefault(p => p.Type.SpecialType == SpecialType.System_String && p.RefKind != RefKind.Out && ExternalIdSources.LooksLikeExternalId(p.Name));

    private static async Task<ExpressionSyntax> ValueForCallerAsync(Document document, SyntaxNode argumentList, ParameterSpec spec, List<MethodPlan> plans, CancellationToken cancellationToken)
    {
        // A caller that is itself getting the same parameter from this fix passes it on.
        foreach (var plan in plans)
        {
            if (plan.Names.TryGetValue(spec.Name, out var name)
                && plan.Declaration.SyntaxTree == argumentList.SyntaxTree && plan.Declaration.Span.Contains(argumentList.Span)
                && FindTargetMethod(argumentList) == plan.Declaration)
            {
                return IdentifierName(name);
            }
        }

        var model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        var inScope = ExternalIdSources.FindInScope(model, argumentList, spec.LooksLike, cancellationToken);
        if (inScope is not null)
        {
            return inScope.Expression;
        }

        return spec.FromConfiguration(document, model, argumentList, cancellationToken).Expression;
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

    private static HashSet<string> TakenNames(SyntaxNode declaration, IMethodSymbol method)
    {
        var taken = new HashSet<string>(method.Parameters.Select(p => p.Name));
        foreach (var node in declaration.DescendantNodes())
        {
            switch (node)
            {
                case VariableDeclaratorSyntax v:
                    taken.Add(v.Identifier.ValueText);
                    break;
                case SingleVariableDesignationSyntax d:
                    taken.Add(d.Identifier.ValueText);
                    break;
                case ParameterSyntax p:
                    taken.Add(p.Identifier.ValueText);
                    break;
                case LocalFunctionStatementSyntax f:
                    taken.Add(f.Identifier.ValueText);
                    break;
            }
        }

        return taken;
    }

    private sealed class MethodPlan
    {
        public MethodPlan(IMethodSymbol method, Document document, SyntaxNode declaration)
        {
            Method = method;
            Document = document;
            Declaration = declaration;
        }

        public IMethodSymbol Method { get; }

        public Document Document { get; }

        public SyntaxNode Declaration { get; }

        public List<ParameterRequest> Requests { get; } = new();

        public List<ParameterSpec> Specs { get; } = new();

        public Dictionary<string, string> Names { get; } = new();

        public List<(ParameterSpec Spec, string Name)> Added { get; } = new();

        public List<(Document Document, SyntaxNode ArgumentList, bool ReducedExtension)> Calls { get; } = new();
    }
}

/// <summary>A string parameter a fix may add: its base name, which existing names count as it, and how a caller without one reads it.</summary>
internal sealed class ParameterSpec
{
    public static readonly ParameterSpec ExternalId = new(
        "externalId",
        ExternalIdSources.LooksLikeExternalId,
        (document, model, node, ct) => ExternalIdSources.FromConfiguration(model, node, CxaOptions.GetExternalIdEnvironmentVariable(document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider, node.SyntaxTree), ct));

    public static readonly ParameterSpec RoleArn = new(
        "roleArn",
        ExternalIdSources.LooksLikeRoleArn,
        (_, model, node, ct) => ExternalIdSources.FromConfiguration(model, node, ExternalIdSources.RoleArnConfigurationKey, ExternalIdSources.RoleArnEnvironmentVariable, "role ARN", ct));

    public ParameterSpec(string name, System.Func<string, bool> looksLike, System.Func<Document, SemanticModel, SyntaxNode, CancellationToken, ExternalIdSource> fromConfiguration)
    {
        Name = name;
        LooksLike = looksLike;
        FromConfiguration = fromConfiguration;
    }

    public string Name { get; }

    public System.Func<string, bool> LooksLike { get; }

    public System.Func<Document, SemanticModel, SyntaxNode, CancellationToken, ExternalIdSource> FromConfiguration { get; }
}

/// <summary>One fix that needs parameters in the method holding <see cref="Anchor"/>.</summary>
internal sealed class ParameterRequest
{
    public ParameterRequest(Document document, SyntaxNode? anchor, ImmutableArray<ParameterSpec> parameters, System.Action<DocumentEditor, IReadOnlyList<string>> write, System.Action<DocumentEditor>? fallback = null)
    {
        Document = document;
        Anchor = anchor;
        Parameters = parameters;
        Write = write;
        Fallback = fallback;
    }

    /// <summary>Writes the fix without parameters (none needed, or the method cannot take them); null: skip.</summary>
    public System.Action<DocumentEditor>? Fallback { get; }

    public Document Document { get; }

    public SyntaxNode? Anchor { get; }

    public ImmutableArray<ParameterSpec> Parameters { get; }

    /// <summary>Writes the fix, given the parameter names in the order of <see cref="Parameters"/>.</summary>
    public System.Action<DocumentEditor, IReadOnlyList<string>> Write { get; }
}
