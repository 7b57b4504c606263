using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.Web;

/// <summary>
/// Answers "does this value come from what the caller of this service sends in the current request, and from which
/// input": a bound parameter of an endpoint (<see cref="BoundParameters"/>) or a property of it, a <c>[BindProperty]</c>
/// property, <c>HttpRequest.Query/Form/Headers/RouteValues/Cookies</c> (any <c>HttpRequest</c>: <c>Request</c> in a
/// controller, <c>HttpContext.Request</c>, a handler's parameter), a body read with <c>ReadFromJsonAsync</c>. The value is
/// followed through locals, string operations (<c>Trim</c>, <c>ToLower*</c>, <c>Substring</c>, concatenation,
/// interpolation, <c>string.Concat/Format/Join</c>, <c>ToString()</c>, <c>First()</c>), the return values of source
/// helpers and, for a helper's parameter, its callers, <see cref="MaxHops"/> calls deep.
/// </summary>
/// <remarks>
/// What the service computes from input is not input: a method call that is not one of those string operations (a
/// lookup keyed by the input, <c>_tenants.Find(id).ExternalId</c>, <c>await db.Tenants.FindAsync(id)</c>), an indexer of
/// anything but the request's collections, a generated value (<c>Guid.NewGuid()</c>), configuration. A local or a
/// bound model's property written again before the use, in a statement that always runs before it, holds that later value.
/// </remarks>
internal sealed class RequestInputs
{
    public const int MaxHops = 4;
    private const int MaxDepth = 48;

    private static readonly string[] StringOperations =
    {
        "Trim", "TrimStart", "TrimEnd", "ToLower", "ToLowerInvariant", "ToUpper", "ToUpperInvariant", "Substring", "Replace",
        "Normalize", "PadLeft", "PadRight", "Remove", "Insert", "Split", "ToString", "Clone", "AsSpan",
    };

    private static readonly string[] StaticStringOperations = { "Concat", "Format", "Join", "Copy" };

    private static readonly string[] ElementOperations = { "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault", "ElementAt", "ElementAtOrDefault", "ToArray", "ToList" };

    private static readonly string[] RequestCollections = { "Query", "Form", "Headers", "RouteValues", "Cookies" };

    private readonly Compilation _compilation;
    private readonly AspNetCoreTypes _web;
    private readonly CancellationToken _cancellationToken;
    private readonly HashSet<ISymbol> _followedParameters = new(SymbolEqualityComparer.Default);

    // The locals being traced: a write that reads the local again (s = s + x) adds nothing and is not followed twice.
    private readonly HashSet<ISymbol> _tracingLocals = new(SymbolEqualityComparer.Default);

    private RequestInputs(Compilation compilation, AspNetCoreTypes web, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _web = web;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The request input <paramref name="value"/> comes from, as a message names it ("the request body parameter 'model'"), or null.</summary>
    public static string? Trace(IOperation value, Compilation compilation, CancellationToken cancellationToken)
    {
        var web = AspNetCoreTypes.Get(compilation);
        return web.IsReferenced ? new RequestInputs(compilation, web, cancellationToken).Trace(value, frame: null, depth: 0, hops: 0) : null;
    }

    /// <summary>A call into a source helper being read: its parameters' arguments and its receiver, in the caller.</summary>
    private sealed class Frame
    {
        public Frame(IInvocationOperation call, Frame? outer)
        {
            Call = call;
            Outer = outer;
        }

        public IInvocationOperation Call { get; }

        public Frame? Outer { get; }

        public IOperation? ArgumentFor(IParameterSymbol parameter)
            => Call.Arguments.FirstOrDefault(a => a.Parameter is { } p && SymbolEqualityComparer.Default.Equals(p.OriginalDefinition, parameter.OriginalDefinition)
                                                  && SymbolEqualityComparer.Default.Equals(p.ContainingSymbol.OriginalDefinition, parameter.ContainingSymbol.OriginalDefinition))?.Value;
    }

    private string? Trace(IOperation? operation, Frame? frame, int depth, int hops)
    {
        if (operation is null || depth > MaxDepth || operation.ConstantValue.HasValue)
        {
            return null;
        }

        _cancellationToken.ThrowIfCancellationRequested();
        var next = depth + 1;
        switch (operation)
        {
            case IConversionOperation conversion:
                return Trace(conversion.Operand, frame, next, hops);
            case IParenthesizedOperation parenthesized:
                return Trace(parenthesized.Operand, frame, next, hops);
            case IAwaitOperation awaited:
                return Trace(awaited.Operation, frame, next, hops);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add:
                return Trace(add.LeftOperand, frame, next, hops) ?? Trace(add.RightOperand, frame, next, hops);
            case IInterpolatedStringOperation interpolated:
                return interpolated.Parts.OfType<IInterpolationOperation>().Select(p => Trace(p.Expression, frame, next, hops)).FirstOrDefault(d => d is not null);
            case IConditionalOperation conditional:
                return Trace(conditional.WhenTrue, frame, next, hops) ?? Trace(conditional.WhenFalse, frame, next, hops);
            case ICoalesceOperation coalesce:
                return Trace(coalesce.Value, frame, next, hops) ?? Trace(coalesce.WhenNull, frame, next, hops);
            case IArrayCreationOperation { Initializer: { } initializer }:
                return initializer.ElementValues.Select(e => Trace(e, frame, next, hops)).FirstOrDefault(d => d is not null);
            case IConditionalAccessOperation conditionalAccess:
                return Trace(conditionalAccess.WhenNotNull, frame, next, hops);
            case IConditionalAccessInstanceOperation accessed:
                // x?.ToString(): the receiver is the x of the nearest conditional access.
                for (var p = accessed.Parent; p is not null; p = p.Parent)
                {
                    if (p is IConditionalAccessOperation owner)
                    {
                        return Trace(owner.Operation, frame, next, hops);
                    }
                }

                return null;
            case IArrayElementReferenceOperation element:
                return Trace(element.ArrayReference, frame, next, hops);
            case IInvocationOperation invocation:
                return TraceInvocation(invocation, frame, next, hops);
            case IParameterReferenceOperation parameter:
                return TraceParameter(parameter, frame, next, hops);
            case ILocalReferenceOperation local:
                return TraceLocal(local, frame, next, hops);
            case IInstanceReferenceOperation when frame?.Call.Instance is { } receiver:
                return Trace(receiver, frame.Outer, next, hops);
            case IPropertyReferenceOperation property:
                return TraceProperty(property, frame, next, hops);
            case IFieldReferenceOperation { Field.IsStatic: false, Instance: { } instance } field when !IsThis(instance):
                return Overwritten(field, frame, next, hops, out var fieldValue) ? fieldValue : Trace(instance, frame, next, hops);
            default:
                return null;
        }
    }

    private string? TraceInvocation(IInvocationOperation invocation, Frame? frame, int depth, int hops)
    {
        var method = invocation.TargetMethod;
        var receiver = invocation.Instance ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);

        // The request read as a whole: await Request.ReadFromJsonAsync<T>(), Request.ReadFormAsync().
        if ((SymbolEqualityComparer.Default.Equals(method.ContainingType, _web.HttpRequestJsonExtensions) && method.Name.StartsWith("ReadFromJson", StringComparison.Ordinal))
            || (method.Name == "ReadFormAsync" && receiver is not null && Aws.AwsTypes.InheritsFromOrEquals(receiver.Type, _web.HttpRequest)))
        {
            return "the request body";
        }

        // HttpContext.GetRouteValue("id").
        if (method.Name == "GetRouteValue" && SymbolEqualityComparer.Default.Equals(method.ContainingType, _web.RoutingHttpContextExtensions))
        {
            return "the request route value" + KeyOf(invocation.Arguments.Skip(1).FirstOrDefault()?.Value);
        }

        // String operations keep what they are given: Trim, ToLower, Substring, ToString(), string.Concat/Format/Join.
        if (method.ContainingType?.SpecialType == SpecialType.System_String)
        {
            if (method.IsStatic ? Array.IndexOf(StaticStringOperations, method.Name) >= 0 : Array.IndexOf(StringOperations, method.Name) >= 0)
            {
                return Trace(invocation.Instance, frame, depth, hops)
                       ?? invocation.Arguments.Select(a => Trace(a.Value, frame, depth, hops)).FirstOrDefault(d => d is not null);
            }

            return null;
        }

        if (method.Name == "ToString" && !method.IsStatic && invocation.Instance is { } formatted)
        {
            return Trace(formatted, frame, depth, hops);
        }

        // A JSON document read from the request, navigated: body.GetProperty("externalId").GetString(), node["id"].GetValue<string>().
        if (!method.IsStatic && invocation.Instance is { } document && IsJsonDocumentType(method.ContainingType))
        {
            return Trace(document, frame, depth, hops);
        }

        // Request.Query["id"].FirstOrDefault(), model.Ids.First().
        if (method.IsExtensionMethod && method.ContainingType?.ToDisplayString() == "System.Linq.Enumerable" && Array.IndexOf(ElementOperations, method.Name) >= 0)
        {
            return Trace(receiver, frame, depth, hops);
        }

        // A helper of ours: what it returns, with its parameters bound to this call's arguments.
        if (hops < MaxHops && HasKnownBody(method) && ReturnedValues(method) is { } returned)
        {
            var inner = new Frame(invocation, frame);
            return returned.Select(r => Trace(r, inner, depth, hops + 1)).FirstOrDefault(d => d is not null);
        }

        // Any other call computes something of its own: a lookup keyed by the input is the service's value.
        return null;
    }

    private string? TraceParameter(IParameterReferenceOperation reference, Frame? frame, int depth, int hops)
    {
        var parameter = reference.Parameter;
        if (frame is not null && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, frame.Call.TargetMethod.OriginalDefinition))
        {
            return Trace(frame.ArgumentFor(parameter), frame.Outer, depth, hops);
        }

        if (Overwritten(reference, frame, depth, hops, out var written))
        {
            return written;
        }

        if (BoundParameters.Describe(parameter, _web, _compilation, _cancellationToken) is { } bound)
        {
            return bound;
        }

        // A helper's parameter: what its callers pass (and whether a minimal API maps it as a handler).
        return parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction } method && hops < MaxHops && _followedParameters.Add(parameter.OriginalDefinition)
            ? TraceCallers(method, parameter, reference, depth, hops + 1)
            : null;
    }

    private string? TraceLocal(ILocalReferenceOperation reference, Frame? frame, int depth, int hops)
    {
        if (reference.Local.RefKind != RefKind.None || !_tracingLocals.Add(reference.Local))
        {
            return null;
        }

        try
        {
            return TraceLocalWrites(reference, frame, depth, hops);
        }
        finally
        {
            _tracingLocals.Remove(reference.Local);
        }
    }

    private string? TraceLocalWrites(ILocalReferenceOperation reference, Frame? frame, int depth, int hops)
    {
        var root = HardCodedValueEvaluator.GetRoot(reference);
        var writes = new List<(SyntaxNode Statement, IOperation? Value, string? Input)>();
        foreach (var op in root.Descendants())
        {
            switch (op)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                    if ((declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer) is { } initializer)
                    {
                        writes.Add((StatementOf(declarator.Syntax), initializer.Value, null));
                    }
                    else if ((declarator.Parent as IForEachLoopOperation ?? (declarator.Parent as IVariableDeclarationOperation)?.Parent as IForEachLoopOperation) is { } loop)
                    {
                        // foreach (var id in Request.Query["ids"]): an element of the collection.
                        writes.Add((StatementOf(declarator.Syntax), loop.Collection, null));
                    }

                    break;
                case ILocalReferenceOperation other when SymbolEqualityComparer.Default.Equals(other.Local, reference.Local) && other != reference:
                    if (HardCodedValueEvaluator.IsWrite(other, out var value))
                    {
                        writes.Add((StatementOf(other.Syntax), value, value is null ? OutValueInput(other) : null));
                    }
                    else if (other.Parent is IDeclarationExpressionOperation declaration && HardCodedValueEvaluator.IsWrite(declaration, out _))
                    {
                        // Request.Query.TryGetValue("id", out var id).
                        writes.Add((StatementOf(other.Syntax), null, OutValueInput(declaration)));
                    }

                    break;
            }
        }

        foreach (var write in Reaching(writes, reference.Syntax))
        {
            if ((write.Input ?? Trace(write.Value, frame, depth, hops)) is { } input)
            {
                return input;
            }
        }

        return null;
    }

    /// <summary><c>Request.Query.TryGetValue("id", out var v)</c> (or form, headers, route values, cookies): the input the out argument receives.</summary>
    private string? OutValueInput(IOperation outArgumentValue)
    {
        var current = outArgumentValue;
        while (current.Parent is IConversionOperation or IDeclarationExpressionOperation)
        {
            current = current.Parent;
        }

        return current.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "TryGetValue" } call } && call.Instance is { } collection
               && RequestCollection(collection) is { } kind
            ? $"the request {kind} value" + KeyOf(call.Arguments.FirstOrDefault()?.Value)
            : null;
    }

    private string? TraceProperty(IPropertyReferenceOperation property, Frame? frame, int depth, int hops)
    {
        var instance = property.Instance is null ? null : ObjectCreations.StripConversions(property.Instance);

        // Request.Query["id"], Request.Headers["X-External-Id"], Request.RouteValues["id"], Request.Form["id"].
        if (instance is not null && RequestCollection(instance) is { } kind)
        {
            return property.Arguments.IsEmpty
                ? $"the request {kind} value '{property.Property.Name}'"
                : $"the request {kind} value" + KeyOf(property.Arguments[0].Value);
        }

        if (Overwritten(property, frame, depth, hops, out var written))
        {
            return written;
        }

        // [BindProperty] public OnboardingInput Input { get; set; } in a page or controller.
        if (instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
            && BoundParameters.DescribeProperty(property.Property, _web) is { } bound)
        {
            return bound;
        }

        if (property.Property.IsStatic || instance is null || (!property.Arguments.IsEmpty && !IsElementAccessOfInput(property)))
        {
            // A static member, or an indexer of anything but the input itself (a dictionary keyed by it): the service's value.
            return null;
        }

        // A property of the input (model.ExternalId, model.Tenant.ExternalId, request.Path.Value) is input.
        return IsThis(instance) && frame is null ? null : Trace(instance, frame, depth, hops);
    }

    /// <summary>
    /// <c>model.Ids[0]</c>, <c>values[0]</c> of a <c>StringValues</c>: an element of the input, not a lookup keyed by it;
    /// also any key of a form, query, header or cookie collection or a JSON document read from the request
    /// (<c>(await Request.ReadFormAsync())["id"]</c>, <c>node["externalId"]</c>).
    /// </summary>
    private static bool IsElementAccessOfInput(IPropertyReferenceOperation indexer)
        => indexer.Property.ContainingType is { } type
           && (((type.Name == "StringValues" || type.AllInterfaces.Any(i => i.Name is "IList" or "IReadOnlyList"))
                && indexer.Arguments.Length == 1 && indexer.Arguments[0].Value.Type?.SpecialType == SpecialType.System_Int32)
               || IsRequestCollectionType(type)
               || IsJsonDocumentType(type));

    private static bool IsRequestCollectionType(INamedTypeSymbol type)
        => type.Name is "IFormCollection" or "FormCollection" or "IQueryCollection" or "QueryCollection" or "IHeaderDictionary" or "HeaderDictionary" or "IRequestCookieCollection"
           && type.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Http";

    /// <summary>System.Text.Json's <c>JsonElement</c>/<c>JsonNode</c> family and Newtonsoft's <c>JToken</c> family.</summary>
    private static bool IsJsonDocumentType(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            var ns = current.ContainingNamespace?.ToDisplayString();
            if ((ns == "System.Text.Json" && current.Name is "JsonElement" or "JsonDocument")
                || (ns == "System.Text.Json.Nodes" && current.Name == "JsonNode")
                || (ns == "Newtonsoft.Json.Linq" && current.Name == "JToken"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The kind ("query", "form", "header", "route", "cookie") when <paramref name="operation"/> is one of an <c>HttpRequest</c>'s collections.</summary>
    private string? RequestCollection(IOperation operation)
    {
        operation = ObjectCreations.StripConversions(operation);
        if (operation is not IPropertyReferenceOperation { Instance: { } request } collection
            || Array.IndexOf(RequestCollections, collection.Property.Name) < 0
            || !Aws.AwsTypes.InheritsFromOrEquals(request.Type, _web.HttpRequest))
        {
            return null;
        }

        return collection.Property.Name switch
        {
            "Query" => "query",
            "Form" => "form",
            "Headers" => "header",
            "RouteValues" => "route",
            _ => "cookie",
        };
    }

    private static string KeyOf(IOperation? key) => key?.ConstantValue is { HasValue: true, Value: string text } ? $" '{text}'" : string.Empty;

    private static bool IsThis(IOperation operation) => operation is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

    /// <summary>
    /// The member path (<c>model.ExternalId</c>, <c>Input.ExternalId</c>, a parameter itself) is written again before
    /// <paramref name="use"/> by a statement that always runs before it: <paramref name="input"/> is then what that write holds.
    /// </summary>
    private bool Overwritten(IOperation use, Frame? frame, int depth, int hops, out string? input)
    {
        input = null;
        var key = PathOf(use);
        if (key is null)
        {
            return false;
        }

        var writes = new List<(SyntaxNode Statement, IOperation? Value, string? Input)>();
        foreach (var op in HardCodedValueEvaluator.GetRoot(use).Descendants())
        {
            if (op is ISimpleAssignmentOperation assignment && assignment.Target.Syntax != use.Syntax && PathOf(assignment.Target) == key)
            {
                writes.Add((StatementOf(assignment.Syntax), assignment.Value, null));
            }
        }

        if (writes.Count == 0)
        {
            return false;
        }

        var before = writes.Where(w => w.Statement.Span.End <= use.Syntax.SpanStart).OrderBy(w => w.Statement.SpanStart).ToList();
        var last = before.FindLastIndex(w => Dominates(w.Statement, use.Syntax));
        if (last < 0)
        {
            // No write always runs before the use: the bound value may still reach it.
            return false;
        }

        input = before.Skip(last).Select(w => w.Input ?? Trace(w.Value, frame, depth, hops)).FirstOrDefault(d => d is not null);
        return true;
    }

    /// <summary>A stable text for a parameter, or a member path rooted in a parameter, a local or <c>this</c>; null otherwise (a local alone is <see cref="TraceLocal"/>'s).</summary>
    private static string? PathOf(IOperation operation)
    {
        var path = MemberPath(operation);
        return path is null || path == "this" || (path.StartsWith("l:", StringComparison.Ordinal) && path.IndexOf('.') < 0) ? null : path;
    }

    private static string? MemberPath(IOperation operation)
    {
        operation = ObjectCreations.StripConversions(operation);
        return operation switch
        {
            IParameterReferenceOperation p => "p:" + p.Parameter.Name,
            ILocalReferenceOperation l => "l:" + l.Local.Name,
            IInstanceReferenceOperation => "this",
            IPropertyReferenceOperation { Arguments.IsEmpty: true, Property.IsStatic: false, Instance: { } instance } property
                => MemberPath(instance) is { } parent ? parent + "." + property.Property.Name : null,
            IFieldReferenceOperation { Field.IsStatic: false, Instance: { } instance } field
                => MemberPath(instance) is { } parent ? parent + "." + field.Field.Name : null,
            _ => null,
        };
    }

    /// <summary>
    /// The writes whose value can reach <paramref name="use"/>: those before it, from the last one that always runs
    /// before it (a statement of a block that holds the use) on; every write when none is before it (a loop, a lambda).
    /// </summary>
    private static IEnumerable<(SyntaxNode Statement, IOperation? Value, string? Input)> Reaching(List<(SyntaxNode Statement, IOperation? Value, string? Input)> writes, SyntaxNode use)
    {
        var before = writes.Where(w => w.Statement.Span.End <= use.SpanStart).OrderBy(w => w.Statement.SpanStart).ToList();
        if (before.Count == 0)
        {
            return writes;
        }

        var last = before.FindLastIndex(w => Dominates(w.Statement, use));
        return last < 0 ? writes : before.Skip(last);
    }

    /// <summary>The statement runs every time before <paramref name="use"/>: it sits directly in a block that holds the use, with no lambda or local function between them.</summary>
    private static bool Dominates(SyntaxNode statement, SyntaxNode use)
    {
        var container = statement.Parent;
        if (container is not (BlockSyntax or SwitchSectionSyntax or CompilationUnitSyntax) || statement.Span.End > use.SpanStart)
        {
            return false;
        }

        for (var node = use.Parent; node is not null; node = node.Parent)
        {
            if (node == container)
            {
                return true;
            }

            if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return false;
            }
        }

        return false;
    }

    private static SyntaxNode StatementOf(SyntaxNode node)
        => node.FirstAncestorOrSelf<StatementSyntax>(s => s is not BlockSyntax) is { } statement
            ? (statement.Parent is GlobalStatementSyntax global ? global : statement)
            : node;

    /// <summary>The callers of <paramref name="method"/> that pass request input for <paramref name="parameter"/>, or a minimal API that maps it as a handler.</summary>
    private string? TraceCallers(IMethodSymbol method, IParameterSymbol parameter, IOperation origin, int depth, int hops)
    {
        var roots = method.MethodKind == MethodKind.LocalFunction
            ? new[] { HardCodedValueEvaluator.GetRoot(origin).Syntax }
            : method.DeclaredAccessibility == Accessibility.Private && method.ContainingType is { } type
                ? type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(_cancellationToken)).ToArray()
                : _compilation.SyntaxTrees.Where(t => SourceTextSearch.MayHoldName(t, method.Name, _cancellationToken)).Select(t => t.GetRoot(_cancellationToken)).ToArray();

        foreach (var root in roots)
        {
            if (!_compilation.ContainsSyntaxTree(root.SyntaxTree))
            {
                continue;
            }

            foreach (var identifier in root.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != method.Name)
                {
                    continue;
                }

                _cancellationToken.ThrowIfCancellationRequested();
                SyntaxNode expression = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
                if (expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression)
                {
                    expression = invocation;
                }

                var operation = SemanticModels.Of(_compilation, root.SyntaxTree).GetOperation(expression, _cancellationToken);
                switch (operation)
                {
                    case IInvocationOperation call when SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method.OriginalDefinition):
                        var argument = call.Arguments.FirstOrDefault(a => a.Parameter is { } p && p.Ordinal == parameter.Ordinal && p.Name == parameter.Name);
                        if (Trace(argument?.Value, frame: null, depth, hops) is { } input)
                        {
                            return input;
                        }

                        break;

                    case IMethodReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, method.OriginalDefinition):
                        // app.MapPost("/onboard", Onboarding.Handle): a minimal-API handler, whose parameters the request binds.
                        var use = reference.Parent is IDelegateCreationOperation creation ? creation.Parent : reference.Parent;
                        while (use is IConversionOperation)
                        {
                            use = use.Parent;
                        }

                        if (use is IArgumentOperation mapped && BoundParameters.IsMapArgument(mapped, _web)
                            && BoundParameters.DescribeBinding(parameter, _web, _compilation, _cancellationToken) is { } bound)
                        {
                            return bound;
                        }

                        break;
                }
            }
        }

        return null;
    }

    /// <summary>Ordinary, static or sealed (not overridable), not extern, declared in source with a body.</summary>
    private bool HasKnownBody(IMethodSymbol method)
        => method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction
           && !method.IsAbstract && !method.IsExtern && !method.IsVirtual && !(method.IsOverride && !method.IsSealed && !method.ContainingType.IsSealed)
           && method.ContainingType?.TypeKind != TypeKind.Interface
           && !method.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty
           && method.OriginalDefinition.DeclaringSyntaxReferences.All(r => _compilation.ContainsSyntaxTree(r.SyntaxTree));

    /// <summary>The values the method returns (expression body or every <c>return</c> outside nested functions); null when it has no body.</summary>
    private List<IOperation>? ReturnedValues(IMethodSymbol method)
    {
        var values = new List<IOperation>();
        var anyBody = false;
        foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(_cancellationToken);
            if (syntax is not (BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax)
                || SemanticModels.Of(_compilation, syntax.SyntaxTree).GetOperation(syntax, _cancellationToken) is not { } body)
            {
                continue;
            }

            anyBody = true;
            foreach (var op in body.Descendants())
            {
                if (op is IReturnOperation { ReturnedValue: { } value } && !InNestedFunction(op, body))
                {
                    values.Add(value);
                }
            }
        }

        return anyBody ? values : null;
    }

    private static bool InNestedFunction(IOperation operation, IOperation body)
    {
        for (var p = operation.Parent; p is not null && p != body; p = p.Parent)
        {
            if (p is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }
}
