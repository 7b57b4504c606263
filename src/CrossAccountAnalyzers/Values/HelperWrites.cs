using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.Values;

/// <summary>What a source method does with an object handed to it: sets a tracked property, leaves them alone, or cannot be known.</summary>
internal enum HelperEffect
{
    /// <summary>Reads or sends the object only (or hands it to library code, which does not configure it).</summary>
    Untouched,

    /// <summary>Assigns a tracked property a value other than <c>null</c> or <c>""</c>, in some branch.</summary>
    Sets,

    /// <summary>Virtual, abstract, interface, extern or body-less; stored, aliased or reassigned; or deeper than <see cref="HelperWrites.MaxDepth"/>.</summary>
    Unknown,

    /// <summary>
    /// Reads or sends it and gives the same object back (<c>static Options WithDuration(this Options o, int s) { o.DurationSeconds = s; return o; }</c>):
    /// untouched where the call's result is dropped, unknown where the result goes on.
    /// </summary>
    ReturnsIt,
}

/// <summary>
/// Reads the body of a method declared in source that an object is handed to (<c>Send(client, request)</c>, an
/// extension method, a local function, a private wrapper) to tell whether it sets one of the tracked properties on
/// that parameter, following the parameter into the source methods it is handed on to, <see cref="MaxDepth"/> levels
/// deep. Only the callee's own body is read; answers are cached per compilation.
/// </summary>
internal static class HelperWrites
{
    public const int MaxDepth = 3;

    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<(IParameterSymbol Parameter, string Properties), HelperEffect>> Cache = new();

    /// <summary>What the method of <paramref name="parameter"/> does to the tracked <paramref name="properties"/> of the object passed for it.</summary>
    public static HelperEffect Of(Compilation compilation, IParameterSymbol parameter, ImmutableArray<string> properties, CancellationToken cancellationToken)
        => Of(compilation, parameter, properties, depth: 1, cancellationToken);

    private static HelperEffect Of(Compilation compilation, IParameterSymbol parameter, ImmutableArray<string> properties, int depth, CancellationToken cancellationToken)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol method || method.MethodKind is MethodKind.DelegateInvoke)
        {
            // A delegate's target (a lambda at the call site, a configurator) is not known here.
            return HelperEffect.Unknown;
        }

        if (method.DeclaringSyntaxReferences.IsEmpty && method.PartialImplementationPart is null)
        {
            // Library and SDK methods (send, log, add to a list) do not configure a request.
            return HelperEffect.Untouched;
        }

        if (depth > MaxDepth || parameter.Type is ITypeParameterSymbol || parameter.RefKind is RefKind.Ref or RefKind.Out || !HasKnownBody(method))
        {
            return HelperEffect.Unknown;
        }

        // Only whole answers (asked at depth 1) are kept and reused: a deeper one depends on the budget left, and reusing
        // a whole answer deeper down would make the result depend on which creation was analyzed first.
        var cache = Cache.GetValue(compilation, _ => new ConcurrentDictionary<(IParameterSymbol, string), HelperEffect>());
        var key = (parameter.OriginalDefinition, string.Join(",", properties));
        if (depth == 1 && cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var effect = Read(compilation, (IParameterSymbol)parameter.OriginalDefinition, properties, depth, cancellationToken);
        if (depth == 1)
        {
            cache.TryAdd(key, effect);
        }

        return effect;
    }

    /// <summary>Ordinary, static or sealed (not overridable), not extern, not an interface member: its body is the one that runs.</summary>
    private static bool HasKnownBody(IMethodSymbol method)
        => !method.IsAbstract
           && !method.IsExtern
           && !(method.IsVirtual || (method.IsOverride && !method.IsSealed && !method.ContainingType.IsSealed))
           && method.ContainingType.TypeKind != TypeKind.Interface;

    private static HelperEffect Read(Compilation compilation, IParameterSymbol parameter, ImmutableArray<string> properties, int depth, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)parameter.ContainingSymbol;
        if (method.PartialImplementationPart is { } implementation)
        {
            // The call binds to the partial definition; the body and its parameter symbols are the implementation's.
            method = implementation;
            parameter = implementation.Parameters[parameter.Ordinal];
        }

        var declarations = method.DeclaringSyntaxReferences;
        var result = HelperEffect.Untouched;
        var anyBody = false;
        foreach (var reference in declarations)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (!HasBody(syntax) || !compilation.ContainsSyntaxTree(syntax.SyntaxTree))
            {
                continue;
            }

            var body = SemanticModels.Of(compilation, syntax.SyntaxTree).GetOperation(syntax, cancellationToken);
            if (body is null)
            {
                return HelperEffect.Unknown;
            }

            anyBody = true;
            foreach (var operation in body.Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (operation is not IParameterReferenceOperation use || !SymbolEqualityComparer.Default.Equals(use.Parameter.OriginalDefinition, parameter))
                {
                    continue;
                }

                switch (Judge(compilation, use, properties, depth, cancellationToken))
                {
                    case HelperEffect.Sets:
                        // Set in some branch is set; an unknown use elsewhere does not change that.
                        return HelperEffect.Sets;
                    case HelperEffect.Unknown:
                        result = HelperEffect.Unknown;
                        break;
                    case HelperEffect.ReturnsIt when result == HelperEffect.Untouched:
                        result = HelperEffect.ReturnsIt;
                        break;
                }
            }
        }

        return anyBody ? result : HelperEffect.Unknown;
    }

    private static bool HasBody(SyntaxNode syntax) => syntax switch
    {
        BaseMethodDeclarationSyntax declaration => declaration.Body is not null || declaration.ExpressionBody is not null,
        LocalFunctionStatementSyntax local => local.Body is not null || local.ExpressionBody is not null,
        AccessorDeclarationSyntax accessor => accessor.Body is not null || accessor.ExpressionBody is not null,
        _ => false,
    };

    /// <summary>What one use of the parameter does to the object.</summary>
    private static HelperEffect Judge(Compilation compilation, IParameterReferenceOperation use, ImmutableArray<string> properties, int depth, CancellationToken cancellationToken)
    {
        IOperation current = use;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        if (current == use && HardCodedValueEvaluator.IsWrite(use, out _))
        {
            // The parameter is reassigned: later uses are another object.
            return HelperEffect.Unknown;
        }

        switch (current.Parent)
        {
            case IPropertyReferenceOperation property when property.Instance == current && properties.Contains(property.Property.Name):
                return HardCodedValueEvaluator.IsWrite(property, out var value) && !IsNullOrEmpty(value) ? HelperEffect.Sets : HelperEffect.Untouched;
            case IPropertyReferenceOperation or IFieldReferenceOperation or IEventReferenceOperation or IInvocationOperation { Instance: not null }:
                // Another member read, or a method called on the object: it only reads or sends.
                return HelperEffect.Untouched;
            case INameOfOperation or IBinaryOperation or IIsTypeOperation or IInterpolationOperation or IExpressionStatementOperation:
                // Compared, tested, named or formatted: the object itself is not handed on.
                return HelperEffect.Untouched;
            case IArgumentOperation { Parameter: { } next } argument:
                if (next.RefKind is RefKind.Ref or RefKind.Out)
                {
                    return HelperEffect.Unknown;
                }

                if (SymbolEqualityComparer.Default.Equals(next.OriginalDefinition, use.Parameter.OriginalDefinition))
                {
                    // Handed to itself (a retry that calls itself): its other uses decide.
                    return HelperEffect.Untouched;
                }

                var handedOn = Of(compilation, next, properties, depth + 1, cancellationToken);
                return handedOn == HelperEffect.ReturnsIt ? ResultOf(argument.Parent) : handedOn;
            case IReturnOperation:
                return HelperEffect.ReturnsIt;
            case IVariableInitializerOperation:
            case ISimpleAssignmentOperation assignment when assignment.Value == current:
            case IArrayInitializerOperation:
            case IAnonymousObjectCreationOperation:
            case IObjectOrCollectionInitializerOperation:
            case IMemberInitializerOperation:
                // Aliased or stored: someone else may configure it.
                return HelperEffect.Unknown;
            default:
                // Returned, put in a conditional, matched into a pattern variable, captured: the object goes on to code
                // this reading does not follow.
                return HelperEffect.Unknown;
        }
    }

    /// <summary>
    /// A call to a helper that gives the object back (<see cref="HelperEffect.ReturnsIt"/>): its result dropped, the
    /// object is only read or sent; returned again, the helper still gives it back; anything else goes on unknown.
    /// </summary>
    public static HelperEffect ResultOf(IOperation? call)
    {
        var current = call;
        while (current?.Parent is IConversionOperation or IParenthesizedOperation or IAwaitOperation)
        {
            current = current.Parent;
        }

        return current?.Parent switch
        {
            IExpressionStatementOperation => HelperEffect.Untouched,
            IReturnOperation => HelperEffect.ReturnsIt,
            _ => HelperEffect.Unknown,
        };
    }

    /// <summary>Assigning <c>null</c>, <c>default</c>, <c>""</c> or <c>string.Empty</c> does not set it; a value that cannot be known does.</summary>
    private static bool IsNullOrEmpty(IOperation? value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value is { ConstantValue: { HasValue: true, Value: null or "" } }
               || value is IDefaultValueOperation { Type.IsReferenceType: true }
               || value is IFieldReferenceOperation { Field: { Name: "Empty", ContainingType.SpecialType: SpecialType.System_String } };
    }
}
