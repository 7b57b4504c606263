using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.Web;

/// <summary>
/// Which parameters and properties ASP.NET Core fills from the request: the parameters of controller actions, Razor
/// Pages handlers and minimal-API delegates that model binding binds (an explicit <c>[FromBody]</c>, <c>[FromQuery]</c>,
/// <c>[FromRoute]</c>, <c>[FromForm]</c>, <c>[FromHeader]</c>, or by convention), and the <c>[BindProperty]</c>
/// properties of a page or controller. Services (<c>[FromServices]</c>, interfaces, framework types, types the
/// application registers) and the framework's own parameters (<c>HttpContext</c>, <c>CancellationToken</c>) are not input.
/// </summary>
internal static class BoundParameters
{
    private static readonly Regex PageHandlerName = new("^On(Get|Post|Put|Delete|Patch|Head|Options)", RegexOptions.CultureInvariant);

    private static readonly string[] MapMethods = { "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods" };

    /// <summary>What the parameter is, as the message names it ("the request body parameter 'model'"), or null when the request does not bind it.</summary>
    public static string? Describe(IParameterSymbol parameter, AspNetCoreTypes web, Compilation compilation, CancellationToken cancellationToken)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol method)
        {
            return null;
        }

        var endpoint = method.MethodKind == MethodKind.AnonymousFunction
            ? IsMinimalApiLambda(method, web, compilation, cancellationToken)
            : IsAction(method, web) || IsPageHandler(method, web);
        return endpoint ? DescribeBinding(parameter, web, compilation, cancellationToken) : null;
    }

    /// <summary>
    /// How the request binds <paramref name="parameter"/> of an endpoint: from its attribute, or by convention (a simple
    /// type, or a complex type that is not a service). Null when it is a service or a framework parameter.
    /// </summary>
    public static string? DescribeBinding(IParameterSymbol parameter, AspNetCoreTypes web, Compilation compilation, CancellationToken cancellationToken)
    {
        var name = parameter.Name;
        foreach (var attribute in parameter.GetAttributes())
        {
            var type = attribute.AttributeClass;
            if (type is null)
            {
                continue;
            }

            if (Implements(type, web.FromServiceMetadata) || type.Name == "FromKeyedServicesAttribute")
            {
                return null;
            }

            var source = Implements(type, web.FromBodyMetadata) ? "request body"
                : Implements(type, web.FromQueryMetadata) ? "request query"
                : Implements(type, web.FromRouteMetadata) ? "request route"
                : Implements(type, web.FromFormMetadata) ? "request form"
                : Implements(type, web.FromHeaderMetadata) ? "request header"
                : SymbolEqualityComparer.Default.Equals(type, web.AsParametersAttribute) ? "bound"
                : null;
            if (source is not null)
            {
                return $"the {source} parameter '{name}'";
            }
        }

        return IsBoundByConvention(parameter.Type, web, compilation, cancellationToken) ? $"the bound parameter '{name}'" : null;
    }

    /// <summary>A <c>[BindProperty]</c> property (or one of a <c>[BindProperties]</c> type) of a controller or page: "the bound model property 'Input'".</summary>
    public static string? DescribeProperty(IPropertySymbol property, AspNetCoreTypes web)
    {
        var type = property.ContainingType;
        if (property.IsStatic || property.SetMethod is null || type is null || !(IsControllerType(type, web) || IsPageType(type, web)))
        {
            return null;
        }

        var bound = property.GetAttributes().Any(a => a.AttributeClass is { } attribute
                        && (SymbolEqualityComparer.Default.Equals(attribute, web.BindPropertyAttribute)
                            || Implements(attribute, web.FromBodyMetadata) || Implements(attribute, web.FromQueryMetadata)
                            || Implements(attribute, web.FromRouteMetadata) || Implements(attribute, web.FromFormMetadata)
                            || Implements(attribute, web.FromHeaderMetadata)))
                    || HasAttribute(type, web.BindPropertiesAttribute);
        return bound ? $"the bound model property '{property.Name}'" : null;
    }

    /// <summary>A public instance method of a controller (a class deriving from <c>ControllerBase</c> or marked <c>[Controller]</c>/<c>[ApiController]</c>), not <c>[NonAction]</c>.</summary>
    public static bool IsAction(IMethodSymbol method, AspNetCoreTypes web)
        => method is { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public, IsStatic: false, IsAbstract: false, IsGenericMethod: false }
           && !method.DeclaringSyntaxReferences.IsEmpty
           && IsControllerType(method.ContainingType, web)
           && !HasOwnAttribute(method, web.NonActionAttribute);

    /// <summary>A public <c>On{Verb}[Handler][Async]</c> method of a Razor page or page model, not <c>[NonHandler]</c>.</summary>
    public static bool IsPageHandler(IMethodSymbol method, AspNetCoreTypes web)
        => method is { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public, IsStatic: false, IsAbstract: false }
           && PageHandlerName.IsMatch(method.Name)
           && IsPageType(method.ContainingType, web)
           && !HasOwnAttribute(method, web.NonHandlerAttribute);

    /// <summary>The delegate given to <c>MapGet</c>, <c>MapPost</c>, ... of <c>IEndpointRouteBuilder</c> (<paramref name="argument"/> is its argument).</summary>
    public static bool IsMapArgument(IArgumentOperation argument, AspNetCoreTypes web)
        => argument.Parent is IInvocationOperation invocation
           && Array.IndexOf(MapMethods, invocation.TargetMethod.Name) >= 0
           && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, web.EndpointRouteBuilderExtensions)
           && argument.Parameter?.Type is { } type && (type.TypeKind == TypeKind.Delegate || type.SpecialType == SpecialType.System_Delegate);

    private static bool IsMinimalApiLambda(IMethodSymbol lambda, AspNetCoreTypes web, Compilation compilation, CancellationToken cancellationToken)
    {
        if (lambda.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not AnonymousFunctionExpressionSyntax syntax
            || !compilation.ContainsSyntaxTree(syntax.SyntaxTree))
        {
            return false;
        }

        SyntaxNode node = syntax;
        while (node.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            node = node.Parent;
        }

        return node.Parent is ArgumentSyntax argumentSyntax
               && SemanticModels.Of(compilation, syntax.SyntaxTree).GetOperation(argumentSyntax, cancellationToken) is IArgumentOperation argument
               && IsMapArgument(argument, web);
    }

    private static bool IsControllerType(INamedTypeSymbol? type, AspNetCoreTypes web)
        => type is { TypeKind: TypeKind.Class, IsAbstract: false, DeclaredAccessibility: Accessibility.Public }
           && !HasAttribute(type, web.NonControllerAttribute)
           && (AwsInherits(type, web.ControllerBase) || HasAttribute(type, web.ControllerAttribute) || HasAttribute(type, web.ApiControllerAttribute));

    private static bool IsPageType(INamedTypeSymbol? type, AspNetCoreTypes web)
        => type is { TypeKind: TypeKind.Class } && (AwsInherits(type, web.PageModel) || AwsInherits(type, web.Page));

    private static bool AwsInherits(ITypeSymbol type, INamedTypeSymbol? baseType) => Aws.AwsTypes.InheritsFromOrEquals(type, baseType);

    /// <summary>The attribute on the type or any of its base types (the controller attributes are inherited).</summary>
    private static bool HasAttribute(INamedTypeSymbol type, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetAttributes().Any(a => AwsInherits(a.AttributeClass!, attribute)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasOwnAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
        => attribute is not null && symbol.GetAttributes().Any(a => a.AttributeClass is { } c && AwsInherits(c, attribute));

    private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol? metadata)
        => metadata is not null && type.AllInterfaces.Contains(metadata, SymbolEqualityComparer.Default);

    /// <summary>
    /// Bound by convention: a simple type (string, number, enum, Guid, dates, arrays of them) from the route, the query
    /// or the form; or a complex type from the body or the form, unless it is a service: an interface, an abstract or
    /// delegate type, a framework type (<c>HttpContext</c>, <c>CancellationToken</c>, <c>ILogger</c>, a <c>DbContext</c>),
    /// or a type the application registers (<c>AddSingleton&lt;T&gt;</c>, <c>AddScoped&lt;T&gt;</c>, ...).
    /// </summary>
    private static bool IsBoundByConvention(ITypeSymbol type, AspNetCoreTypes web, Compilation compilation, CancellationToken cancellationToken)
    {
        if (type is IArrayTypeSymbol array)
        {
            return IsSimple(array.ElementType);
        }

        if (IsSimple(type))
        {
            return true;
        }

        if (type is INamedTypeSymbol { Name: "IFormCollection" or "IFormFile" or "IFormFileCollection", ContainingNamespace: { } formNamespace }
            && formNamespace.ToDisplayString() == "Microsoft.AspNetCore.Http")
        {
            // Interfaces, but the form itself: MVC and minimal APIs bind them from the request.
            return true;
        }

        if (type is not INamedTypeSymbol named || named.TypeKind is not (TypeKind.Class or TypeKind.Struct) || named.IsAbstract
            || named.DeclaringSyntaxReferences.IsEmpty || IsFrameworkType(named))
        {
            // Interfaces and abstract types are services; framework and library types (HttpContext, CancellationToken,
            // ClaimsPrincipal, loggers, clients, DbContext) are services or special parameters.
            return false;
        }

        for (var current = named.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Name == "DbContext" || (IsFrameworkType(current) && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType)))
            {
                // A DbContext, or anything deriving from a framework class (a controller, a hub): a service.
                return false;
            }
        }

        return !IsRegisteredService(named, compilation, cancellationToken) && !AwsInherits(named, web.HttpContext);
    }

    private static bool IsFrameworkType(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return ns.StartsWith("System", StringComparison.Ordinal) || ns.StartsWith("Microsoft", StringComparison.Ordinal) || ns.StartsWith("Amazon", StringComparison.Ordinal);
    }

    private static bool IsSimple(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String or SpecialType.System_DateTime || type.TypeKind == TypeKind.Enum)
        {
            return true;
        }

        return type is INamedTypeSymbol { ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } named
               && named.Name is "Guid" or "DateTimeOffset" or "TimeSpan" or "DateOnly" or "TimeOnly" or "Uri";
    }

    private static readonly string[] Registrations = { "AddSingleton", "AddScoped", "AddTransient", "TryAddSingleton", "TryAddScoped", "TryAddTransient", "AddHostedService", "AddHttpClient", "AddDbContext", "AddKeyedSingleton", "AddKeyedScoped", "AddKeyedTransient" };

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, bool>> Registered = new();

    /// <summary>
    /// The application registers the type as a service: a generic registration naming it (<c>AddScoped&lt;TenantStore&gt;()</c>,
    /// <c>AddSingleton&lt;IStore, TenantStore&gt;()</c>), found in the files whose text names the type, or a registration
    /// whose type is inferred or given (<c>AddSingleton(settings)</c>, <c>AddSingleton(typeof(TenantStore))</c>), found in
    /// the files whose text names the registration. Answered once per compilation and type.
    /// </summary>
    private static bool IsRegisteredService(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
        => Registered.GetValue(compilation, static _ => new System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default))
            .GetOrAdd(type, t => FindRegistration(t, compilation, cancellationToken));

    private static bool FindRegistration(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var tree in SourceTextSearch.TreesMayHoldingName(compilation, type.Name, cancellationToken))
        {
            foreach (var generic in tree.GetRoot(cancellationToken).DescendantNodes().OfType<GenericNameSyntax>())
            {
                if (Array.IndexOf(Registrations, generic.Identifier.ValueText) >= 0
                    && generic.TypeArgumentList.Arguments.Any(a => LastName(a) == type.Name))
                {
                    return true;
                }
            }
        }

        // Registrations that do not write the type: bound, in the few files that call them.
        var seen = new HashSet<SyntaxTree>();
        foreach (var registration in Registrations)
        {
            foreach (var tree in SourceTextSearch.TreesMayHoldingName(compilation, registration, cancellationToken))
            {
                if (!seen.Add(tree))
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (var invocation in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    var name = invocation.Expression switch
                    {
                        MemberAccessExpressionSyntax access => access.Name,
                        SimpleNameSyntax simple => simple,
                        _ => null,
                    };
                    if (name is not IdentifierNameSyntax identifier || Array.IndexOf(Registrations, identifier.Identifier.ValueText) < 0)
                    {
                        continue;
                    }

                    model ??= SemanticModels.Of(compilation, tree);
                    if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method
                        && (method.TypeArguments.Any(a => SymbolEqualityComparer.Default.Equals(a, type))
                            || invocation.ArgumentList.Arguments.Any(a => a.Expression is TypeOfExpressionSyntax typeOf
                                && SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(typeOf.Type, cancellationToken).Type, type))))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static string? LastName(TypeSyntax type) => type switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        _ => null,
    };
}
