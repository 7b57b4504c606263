using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.Web;

/// <summary>
/// The ASP.NET Core types that say where a request's input enters a service (controllers, Razor Pages, minimal APIs,
/// the binding attributes, <c>HttpRequest</c>), resolved once per compilation and only when a rule first asks (an
/// ExternalId sink is rare; most compilations that reference ASP.NET Core never need these). Looked up only in the
/// ASP.NET Core assemblies the compilation references; all null when it references none.
/// </summary>
internal sealed class AspNetCoreTypes
{
    private static readonly ConditionalWeakTable<Compilation, AspNetCoreTypes> Cache = new();

    private AspNetCoreTypes(Compilation compilation)
    {
        var candidates = new List<IAssemblySymbol>();
        foreach (var reference in compilation.References)
        {
            if (compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly
                && assembly.Identity.Name.StartsWith("Microsoft.AspNetCore.", System.StringComparison.Ordinal))
            {
                candidates.Add(assembly);
            }
        }

        if (candidates.Count == 0)
        {
            return;
        }

        INamedTypeSymbol? Find(string metadataName)
        {
            foreach (var assembly in candidates)
            {
                if (assembly.GetTypeByMetadataName(metadataName) is { DeclaredAccessibility: Accessibility.Public } type)
                {
                    return type;
                }
            }

            return null;
        }

        HttpRequest = Find("Microsoft.AspNetCore.Http.HttpRequest");
        HttpContext = Find("Microsoft.AspNetCore.Http.HttpContext");
        ControllerBase = Find("Microsoft.AspNetCore.Mvc.ControllerBase");
        ControllerAttribute = Find("Microsoft.AspNetCore.Mvc.ControllerAttribute");
        ApiControllerAttribute = Find("Microsoft.AspNetCore.Mvc.ApiControllerAttribute");
        NonControllerAttribute = Find("Microsoft.AspNetCore.Mvc.NonControllerAttribute");
        NonActionAttribute = Find("Microsoft.AspNetCore.Mvc.NonActionAttribute");
        PageModel = Find("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
        Page = Find("Microsoft.AspNetCore.Mvc.RazorPages.Page");
        NonHandlerAttribute = Find("Microsoft.AspNetCore.Mvc.RazorPages.NonHandlerAttribute");
        BindPropertyAttribute = Find("Microsoft.AspNetCore.Mvc.BindPropertyAttribute");
        BindPropertiesAttribute = Find("Microsoft.AspNetCore.Mvc.BindPropertiesAttribute");
        FromBodyMetadata = Find("Microsoft.AspNetCore.Http.Metadata.IFromBodyMetadata");
        FromQueryMetadata = Find("Microsoft.AspNetCore.Http.Metadata.IFromQueryMetadata");
        FromRouteMetadata = Find("Microsoft.AspNetCore.Http.Metadata.IFromRouteMetadata");
        FromFormMetadata = Find("Microsoft.AspNetCore.Http.Metadata.IFromFormMetadata");
        FromHeaderMetadata = Find("Microsoft.AspNetCore.Http.Metadata.IFromHeaderMetadata");
        FromServiceMetadata = Find("Microsoft.AspNetCore.Http.Metadata.IFromServiceMetadata");
        AsParametersAttribute = Find("Microsoft.AspNetCore.Http.AsParametersAttribute");
        EndpointRouteBuilderExtensions = Find("Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");
        HttpRequestJsonExtensions = Find("Microsoft.AspNetCore.Http.HttpRequestJsonExtensions");
        RoutingHttpContextExtensions = Find("Microsoft.AspNetCore.Routing.RoutingHttpContextExtensions");
    }

    /// <summary>The shared instance for <paramref name="compilation"/>.</summary>
    public static AspNetCoreTypes Get(Compilation compilation) => Cache.GetValue(compilation, static c => new AspNetCoreTypes(c));

    /// <summary>True when the compilation is an ASP.NET Core application (it can receive requests).</summary>
    public bool IsReferenced => HttpRequest is not null;

    public INamedTypeSymbol? HttpRequest { get; }
    public INamedTypeSymbol? HttpContext { get; }
    public INamedTypeSymbol? ControllerBase { get; }
    public INamedTypeSymbol? ControllerAttribute { get; }
    public INamedTypeSymbol? ApiControllerAttribute { get; }
    public INamedTypeSymbol? NonControllerAttribute { get; }
    public INamedTypeSymbol? NonActionAttribute { get; }
    public INamedTypeSymbol? PageModel { get; }
    public INamedTypeSymbol? Page { get; }
    public INamedTypeSymbol? NonHandlerAttribute { get; }
    public INamedTypeSymbol? BindPropertyAttribute { get; }
    public INamedTypeSymbol? BindPropertiesAttribute { get; }
    public INamedTypeSymbol? FromBodyMetadata { get; }
    public INamedTypeSymbol? FromQueryMetadata { get; }
    public INamedTypeSymbol? FromRouteMetadata { get; }
    public INamedTypeSymbol? FromFormMetadata { get; }
    public INamedTypeSymbol? FromHeaderMetadata { get; }
    public INamedTypeSymbol? FromServiceMetadata { get; }
    public INamedTypeSymbol? AsParametersAttribute { get; }
    public INamedTypeSymbol? EndpointRouteBuilderExtensions { get; }
    public INamedTypeSymbol? HttpRequestJsonExtensions { get; }
    public INamedTypeSymbol? RoutingHttpContextExtensions { get; }
}
