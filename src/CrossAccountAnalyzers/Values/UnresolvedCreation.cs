using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CrossAccountAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.Values;

/// <summary>
/// <c>new T(a, b, c)</c> whose overload resolution failed because an argument does not bind (a type from a reference
/// that did not load, code being typed): the compiler gives an <see cref="IInvalidOperation"/> of type <c>T</c> with the
/// arguments as children. This is what can still be known: the constructors of <c>T</c> that fit (the argument count,
/// and every argument that binds converts to its parameter), and each argument's operation. A rule judges such a
/// creation only when the part that decides it is known in every constructor that fits (see docs/partly-bound.md).
/// </summary>
internal sealed class UnresolvedCreation
{
    private UnresolvedCreation(IInvalidOperation operation, ExpressionSyntax syntax, INamedTypeSymbol type, ImmutableArray<IMethodSymbol> fitting, ImmutableArray<IOperation?> arguments)
    {
        Operation = operation;
        Syntax = syntax;
        Type = type;
        Fitting = fitting;
        Arguments = arguments;
    }

    public IInvalidOperation Operation { get; }

    /// <summary>The creation, or the call (<see cref="TryReadCall"/>).</summary>
    public ExpressionSyntax Syntax { get; }

    /// <summary>The created type, which binds; for a call, the type that declares every candidate method.</summary>
    public INamedTypeSymbol Type { get; }

    /// <summary>The constructors that fit; never empty.</summary>
    public ImmutableArray<IMethodSymbol> Fitting { get; }

    /// <summary>Each positional argument's operation (null where the compiler gave none).</summary>
    public ImmutableArray<IOperation?> Arguments { get; }

    /// <summary>
    /// Reads <paramref name="operation"/> as a creation of a type that binds whose overload resolution failed; null for
    /// any other invalid operation, for named arguments (rare, and they make positions meaningless), for code that does
    /// not parse, and when no constructor fits.
    /// </summary>
    public static UnresolvedCreation? TryRead(IOperation operation, CancellationToken cancellationToken)
        => operation is IInvalidOperation { Syntax: ObjectCreationExpressionSyntax { ArgumentList: { } argumentList } syntax, Type: INamedTypeSymbol { TypeKind: not TypeKind.Error } type } invalid
            ? Read(invalid, syntax, argumentList, type, cancellationToken)
            : null;

    /// <summary>
    /// The same for a call whose overload resolution failed (<c>Environment.SetEnvironmentVariable(name, value, Missing.Target)</c>):
    /// <see cref="Type"/> is the type that declares every candidate.
    /// </summary>
    public static UnresolvedCreation? TryReadCall(IOperation operation, CancellationToken cancellationToken)
    {
        if (operation is not IInvalidOperation { Syntax: InvocationExpressionSyntax { ArgumentList: { } argumentList } syntax, SemanticModel: { } model } invalid)
        {
            return null;
        }

        var candidates = model.GetSymbolInfo(syntax, cancellationToken).CandidateSymbols;
        var type = candidates.IsEmpty ? null : candidates[0].ContainingType;
        return type is not null && candidates.All(c => SymbolEqualityComparer.Default.Equals(c.ContainingType, type))
            ? Read(invalid, syntax, argumentList, type, cancellationToken)
            : null;
    }

    private static UnresolvedCreation? Read(IInvalidOperation invalid, ExpressionSyntax syntax, ArgumentListSyntax argumentList, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (invalid.SemanticModel is not { } model
            || CodeShapes.IsBeingTyped(syntax)
            || argumentList.Arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.None)))
        {
            return null;
        }

        var info = model.GetSymbolInfo(syntax, cancellationToken);
        if (info.Symbol is not null || info.CandidateReason is not (CandidateReason.OverloadResolutionFailure or CandidateReason.Ambiguous))
        {
            return null;
        }

        var children = invalid.ChildOperations.ToList();
        var arguments = argumentList.Arguments
            .Select(a => (IOperation?)children.FirstOrDefault(c => c.Syntax == a.Expression))
            .ToImmutableArray();
        var count = arguments.Length;
        var fitting = info.CandidateSymbols.OfType<IMethodSymbol>()
            .Where(m => m.Parameters.Count(p => !p.IsOptional && !p.IsParams) <= count
                        && (count <= m.Parameters.Length || m.Parameters.LastOrDefault()?.IsParams == true)
                        && Enumerable.Range(0, count).All(i => Accepts(model.Compilation, ParameterAt(m, i), arguments[i])))
            .ToImmutableArray();
        return fitting.IsEmpty ? null : new UnresolvedCreation(invalid, syntax, type, fitting, arguments);
    }

    /// <summary>The argument does not bind: its type is unknown, or it is itself invalid.</summary>
    public static bool IsUnbound(IOperation? argument)
        => argument is null or IInvalidOperation || argument.Type is { TypeKind: TypeKind.Error } || (argument.Type is null && argument.ConstantValue is not { HasValue: true, Value: null });

    /// <summary>The parameter at <paramref name="index"/> in <paramref name="constructor"/>, through a trailing params array.</summary>
    public static IParameterSymbol? ParameterAt(IMethodSymbol constructor, int index)
        => index < constructor.Parameters.Length ? constructor.Parameters[index]
            : constructor.Parameters.LastOrDefault() is { IsParams: true } last ? last : null;

    /// <summary>The parameters the argument at <paramref name="index"/> may go to, one per fitting constructor.</summary>
    public IEnumerable<IParameterSymbol> ParametersAt(int index)
    {
        foreach (var constructor in Fitting)
        {
            if (ParameterAt(constructor, index) is { } parameter)
            {
                yield return parameter;
            }
        }
    }

    private static bool Accepts(Compilation compilation, IParameterSymbol? parameter, IOperation? argument)
    {
        if (parameter is null)
        {
            return false;
        }

        if (IsUnbound(argument))
        {
            // Whatever it is, it may be this.
            return true;
        }

        var target = parameter.IsParams && parameter.Type is IArrayTypeSymbol array && !SymbolEqualityComparer.Default.Equals(argument!.Type, parameter.Type)
            ? array.ElementType
            : parameter.Type;
        if (argument!.Type is null)
        {
            // null: any reference or nullable type.
            return target.IsReferenceType || target.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
        }

        return compilation.ClassifyCommonConversion(argument.Type, target).IsImplicit;
    }
}
