using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using CrossAccountAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.Values;

/// <summary>
/// Answers "is this value known at compile time, and what is it" for an operation: constants, concatenations and
/// interpolations of constants, conditionals between constants, and locals, fields and properties whose only
/// assignments are such constants. One instance per compilation; member answers are cached.
/// Values from parameters, method calls, configuration or the environment are unknown, and so are members that code
/// we do not see writes (<see cref="IsWrittenByUnseenCode"/>): there an initializer is a default, not the value.
/// </summary>
internal sealed class HardCodedValueEvaluator
{
    private const int MaxDepth = 16;

    private static readonly ConditionalWeakTable<Compilation, HardCodedValueEvaluator> Cache = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<ISymbol, ValueSet> _memberValues = new(SymbolEqualityComparer.Default);

    private HardCodedValueEvaluator(Compilation compilation) => _compilation = compilation;

    public static HardCodedValueEvaluator Get(Compilation compilation) => Cache.GetValue(compilation, static c => new HardCodedValueEvaluator(c));

    /// <summary>Evaluates <paramref name="operation"/>; <see cref="ValueSet.Unknown"/> unless every possible value is known.</summary>
    public ValueSet Evaluate(IOperation? operation, CancellationToken cancellationToken)
        => Evaluate(operation, depth: 0, visiting: null, cancellationToken);

    /// <summary>
    /// A field or property whose every assignment is a constant (a const, <c>static readonly X = "..."</c>, a get-only
    /// property); never a member that code we do not see writes (<see cref="IsWrittenByUnseenCode"/>).
    /// </summary>
    public bool IsHardCodedMember(ISymbol member, CancellationToken cancellationToken)
        => member is IFieldSymbol { IsConst: true } || (member is IFieldSymbol or IPropertySymbol && EvaluateMember(member, cancellationToken).IsKnown);

    private ValueSet Evaluate(IOperation? operation, int depth, HashSet<ISymbol>? visiting, CancellationToken cancellationToken)
    {
        if (operation is null || depth > MaxDepth)
        {
            return ValueSet.Unknown;
        }

        cancellationToken.ThrowIfCancellationRequested();

        if (operation.ConstantValue.HasValue)
        {
            return FromConstant(operation.ConstantValue.Value);
        }

        switch (operation)
        {
            case IConversionOperation conversion:
                return Evaluate(conversion.Operand, depth + 1, visiting, cancellationToken);

            case IParenthesizedOperation parenthesized:
                return Evaluate(parenthesized.Operand, depth + 1, visiting, cancellationToken);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                return Evaluate(binary.LeftOperand, depth + 1, visiting, cancellationToken)
                    .Concat(Evaluate(binary.RightOperand, depth + 1, visiting, cancellationToken));

            case IInterpolatedStringOperation interpolated:
                return EvaluateInterpolation(interpolated, depth, visiting, cancellationToken);

            case IConditionalOperation { WhenFalse: not null } conditional:
                if (conditional.Condition.ConstantValue is { HasValue: true, Value: bool condition })
                {
                    return Evaluate(condition ? conditional.WhenTrue : conditional.WhenFalse, depth + 1, visiting, cancellationToken);
                }

                return Evaluate(conditional.WhenTrue, depth + 1, visiting, cancellationToken)
                    .Union(Evaluate(conditional.WhenFalse, depth + 1, visiting, cancellationToken));

            case ICoalesceOperation coalesce:
            {
                var value = Evaluate(coalesce.Value, depth + 1, visiting, cancellationToken);
                if (!value.IsKnown)
                {
                    return ValueSet.Unknown;
                }

                var nonNull = value.Values.Where(v => v is not null).ToImmutableArray();
                if (nonNull.Length == value.Values.Length)
                {
                    return value;
                }

                var fallback = Evaluate(coalesce.WhenNull, depth + 1, visiting, cancellationToken);
                return nonNull.IsEmpty ? fallback : ValueSet.Of(nonNull).Union(fallback);
            }

            case ILocalReferenceOperation local:
                return EvaluateLocal(local, depth, visiting, cancellationToken);

            case IFieldReferenceOperation field:
                if (field.Field.ContainingType?.SpecialType == SpecialType.System_String && field.Field.Name == nameof(string.Empty))
                {
                    return ValueSet.Of(string.Empty);
                }

                return EvaluateMember(field.Field, cancellationToken);

            case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                return EvaluateMember(property.Property, cancellationToken);

            default:
                return ValueSet.Unknown;
        }
    }

    private static ValueSet FromConstant(object? value) => value switch
    {
        null => ValueSet.Of((string?)null),
        string s => ValueSet.Of(s),
        char c => ValueSet.Of(c.ToString()),
        bool b => ValueSet.Of(b ? "True" : "False"),
        System.IFormattable f => ValueSet.Of(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => ValueSet.Unknown,
    };

    private ValueSet EvaluateInterpolation(IInterpolatedStringOperation interpolated, int depth, HashSet<ISymbol>? visiting, CancellationToken cancellationToken)
    {
        var result = ValueSet.Of(string.Empty);
        foreach (var part in interpolated.Parts)
        {
            ValueSet partValue;
            switch (part)
            {
                case IInterpolatedStringTextOperation text:
                    partValue = Evaluate(text.Text, depth + 1, visiting, cancellationToken);
                    break;
                case IInterpolationOperation { Alignment: null, FormatString: null } interpolation
                    when interpolation.Expression.Type?.SpecialType is SpecialType.System_String or SpecialType.System_Char:
                    partValue = Evaluate(interpolation.Expression, depth + 1, visiting, cancellationToken);
                    break;
                default:
                    return ValueSet.Unknown;
            }

            result = result.Concat(partValue);
            if (!result.IsKnown)
            {
                return result;
            }
        }

        return result;
    }

    private ValueSet EvaluateLocal(ILocalReferenceOperation reference, int depth, HashSet<ISymbol>? visiting, CancellationToken cancellationToken)
    {
        var local = reference.Local;
        if (local.RefKind != RefKind.None || !Enter(ref visiting, local))
        {
            return ValueSet.Unknown;
        }

        try
        {
            var root = GetRoot(reference);
            var result = default(ValueSet);
            var any = false;
            foreach (var write in LocalWrites(root, local, cancellationToken))
            {
                var value = write is null ? ValueSet.Unknown : Evaluate(write, depth + 1, visiting, cancellationToken);
                result = any ? result.Union(value) : value;
                any = true;
                if (!result.IsKnown)
                {
                    return ValueSet.Unknown;
                }
            }

            return any ? result : ValueSet.Unknown;
        }
        finally
        {
            visiting!.Remove(local);
        }
    }

    /// <summary>The values written to <paramref name="local"/> in the body; a null entry is a write whose value cannot be known.</summary>
    internal static IEnumerable<IOperation?> LocalWrites(IOperation root, ILocalSymbol local, CancellationToken cancellationToken)
    {
        foreach (var op in root.Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (op)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    var initializer = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
                    if (initializer is not null)
                    {
                        yield return initializer.Value;
                    }
                    else if (declarator.Parent is not IVariableDeclarationOperation { Parent: IVariableDeclarationGroupOperation })
                    {
                        // foreach, using or other implicit initialization.
                        yield return null;
                    }

                    break;

                case IDeclarationPatternOperation pattern when SymbolEqualityComparer.Default.Equals(pattern.DeclaredSymbol, local):
                case IRecursivePatternOperation recursive when SymbolEqualityComparer.Default.Equals(recursive.DeclaredSymbol, local):
                    yield return null;
                    break;

                case ILocalReferenceOperation localReference when SymbolEqualityComparer.Default.Equals(localReference.Local, local):
                    if (IsWrite(localReference, out var value))
                    {
                        yield return value;
                    }

                    break;
            }
        }
    }

    /// <summary>True when <paramref name="reference"/> is written; <paramref name="value"/> is the assigned value, or null when it cannot be known.</summary>
    internal static bool IsWrite(IOperation reference, out IOperation? value)
    {
        value = null;
        var parent = reference.Parent;
        switch (parent)
        {
            case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                value = assignment.IsRef ? null : assignment.Value;
                return true;
            case ICompoundAssignmentOperation compound when compound.Target == reference:
            case ICoalesceAssignmentOperation coalesce when coalesce.Target == reference:
            case IIncrementOrDecrementOperation:
                return true;
            case IArgumentOperation argument when argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out:
                return true;
            case IDeclarationExpressionOperation:
            case ITupleOperation:
                for (var p = parent; p is not null; p = p.Parent)
                {
                    if (p is IDeconstructionAssignmentOperation deconstruction && IsWithin(reference, deconstruction.Target))
                    {
                        return true;
                    }

                    if (p is IArgumentOperation { Parameter.RefKind: RefKind.Out })
                    {
                        return true;
                    }

                    if (p is not (ITupleOperation or IDeclarationExpressionOperation or IConversionOperation))
                    {
                        break;
                    }
                }

                return false;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.RefKind: not RefKind.None } }:
                // A ref local aliases the variable: writes through it are unknown.
                return true;
            default:
                return false;
        }
    }

    private static bool IsWithin(IOperation operation, IOperation ancestor)
    {
        for (var p = operation; p is not null; p = p.Parent)
        {
            if (p == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    internal static IOperation GetRoot(IOperation operation)
    {
        var root = operation;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        return root;
    }

    private const int MaxMemberChain = 64;

    // Members are evaluated context-free (a fresh depth budget, their own local scope), so an answer does not depend
    // on who asked first: analysis stays deterministic under concurrent execution. Cycles and over-long chains of
    // members are cut (unknown) and such answers are not cached.
    [System.ThreadStatic]
    private static HashSet<ISymbol>? t_membersInProgress;

    [System.ThreadStatic]
    private static bool t_truncated;

    private ValueSet EvaluateMember(ISymbol member, CancellationToken cancellationToken)
    {
        member = member.OriginalDefinition;
        if (_memberValues.TryGetValue(member, out var cached))
        {
            return cached;
        }

        var inProgress = t_membersInProgress ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (inProgress.Count >= MaxMemberChain || !inProgress.Add(member))
        {
            t_truncated = true;
            return ValueSet.Unknown;
        }

        var saved = t_truncated;
        t_truncated = false;
        ValueSet result;
        bool truncatedHere;
        try
        {
            result = ComputeMember(member, depth: 0, new HashSet<ISymbol>(SymbolEqualityComparer.Default) { member }, cancellationToken);
        }
        finally
        {
            inProgress.Remove(member);
            truncatedHere = t_truncated;
            t_truncated = saved || truncatedHere;
        }

        if (!truncatedHere)
        {
            _memberValues.TryAdd(member, result);
        }

        return result;
    }

    private static bool Enter(ref HashSet<ISymbol>? visiting, ISymbol symbol)
    {
        visiting ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        return visiting.Add(symbol);
    }

    private ValueSet ComputeMember(ISymbol member, int depth, HashSet<ISymbol> visiting, CancellationToken cancellationToken)
    {
        if (member.DeclaringSyntaxReferences.IsEmpty || member.IsAbstract || member.IsVirtual || member.IsOverride || member.IsExtern)
        {
            return ValueSet.Unknown;
        }

        var writes = new List<IOperation?>();
        bool mayBeWrittenElsewhere;
        switch (member)
        {
            case IFieldSymbol field:
                if (field.IsConst)
                {
                    return field.HasConstantValue ? FromConstant(field.ConstantValue) : ValueSet.Unknown;
                }

                if (field.IsVolatile || field.AssociatedSymbol is not null || IsWrittenByUnseenCode(field))
                {
                    return ValueSet.Unknown;
                }

                foreach (var reference in field.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } init })
                    {
                        writes.Add(GetOperation(init.Value, cancellationToken));
                    }
                }

                mayBeWrittenElsewhere = !field.IsReadOnly;
                break;

            case IPropertySymbol property:
                if (property.IsIndexer || property.ReturnsByRef || property.ReturnsByRefReadonly)
                {
                    return ValueSet.Unknown;
                }

                foreach (var reference in property.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is not PropertyDeclarationSyntax syntax)
                    {
                        return ValueSet.Unknown;
                    }

                    if (syntax.ExpressionBody is { } arrow)
                    {
                        // A computed property: its value is the expression, and nothing can assign it.
                        return Evaluate(GetOperation(arrow.Expression, cancellationToken), depth + 1, visiting, cancellationToken);
                    }

                    if (syntax.AccessorList is null)
                    {
                        return ValueSet.Unknown;
                    }

                    var getter = syntax.AccessorList.Accessors.FirstOrDefault(a => a.IsKind(SyntaxKind.GetAccessorDeclaration));
                    if (getter is not null && (getter.Body is not null || getter.ExpressionBody is not null))
                    {
                        var returned = getter.ExpressionBody?.Expression
                            ?? (getter.Body!.Statements.Count == 1 && getter.Body.Statements[0] is ReturnStatementSyntax { Expression: { } e } ? e : null);
                        return returned is null ? ValueSet.Unknown : Evaluate(GetOperation(returned, cancellationToken), depth + 1, visiting, cancellationToken);
                    }

                    if (syntax.AccessorList.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null) || IsWrittenByUnseenCode(property))
                    {
                        return ValueSet.Unknown;
                    }

                    if (syntax.Initializer is { } init)
                    {
                        writes.Add(GetOperation(init.Value, cancellationToken));
                    }
                }

                mayBeWrittenElsewhere = property.SetMethod is { IsInitOnly: false };
                break;

            default:
                return ValueSet.Unknown;
        }

        // Writes outside the declaration: constructors for read-only members, the declaring type for private ones,
        // otherwise (internal members, and static ones, which no serializer or binder writes) the files whose text
        // names the member: a write names what it writes, so no other file needs reading.
        var accessibleOutsideType = mayBeWrittenElsewhere && member.DeclaredAccessibility != Accessibility.Private
            && !(member is IPropertySymbol { SetMethod.DeclaredAccessibility: Accessibility.Private });
        IEnumerable<SyntaxNode> scopes = accessibleOutsideType
            ? SourceTextSearch.TreesMayHoldingName(_compilation, member.Name, cancellationToken).Select(t => t.GetRoot(cancellationToken))
            : member.ContainingType.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken));

        foreach (var scope in scopes)
        {
            foreach (var node in scope.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != member.Name)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var model = SemanticModels.Of(_compilation, identifier.SyntaxTree);
                var referenced = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
                if (!SymbolEqualityComparer.Default.Equals(referenced?.OriginalDefinition, member))
                {
                    continue;
                }

                SyntaxNode expression = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access
                    : identifier.Parent is MemberBindingExpressionSyntax binding ? binding
                    : identifier;
                var operation = model.GetOperation(expression, cancellationToken);
                if (operation is null)
                {
                    continue;
                }

                if (IsWrite(operation, out var value))
                {
                    writes.Add(value);
                }
            }
        }

        if (writes.Count == 0)
        {
            return ValueSet.Unknown;
        }

        var result = default(ValueSet);
        for (var i = 0; i < writes.Count; i++)
        {
            var value = writes[i] is null ? ValueSet.Unknown : Evaluate(writes[i], depth + 1, visiting, cancellationToken);
            result = i == 0 ? value : result.Union(value);
            if (!result.IsKnown)
            {
                return ValueSet.Unknown;
            }
        }

        return result;
    }

    /// <summary>
    /// An instance member that code outside the compilation writes: a property with a public or protected setter or a
    /// non-private <c>init</c> accessor, or a public or protected field that is not read-only. Serializers, configuration
    /// and model binders, ORMs and callers in other assemblies set these (DTOs, options classes, request models,
    /// entities), so their initializer is only a default. Static members are bound by none of them and are judged by
    /// their writers in source.
    /// </summary>
    internal static bool IsWrittenByUnseenCode(ISymbol member) => member switch
    {
        IPropertySymbol { IsStatic: false, SetMethod: { } setter } => setter.IsInitOnly
            ? setter.DeclaredAccessibility != Accessibility.Private
            : IsVisibleToDerivedOrOtherAssemblies(setter.DeclaredAccessibility),
        IFieldSymbol { IsStatic: false, IsReadOnly: false, IsConst: false } field => IsVisibleToDerivedOrOtherAssemblies(field.DeclaredAccessibility),
        _ => false,
    };

    private static bool IsVisibleToDerivedOrOtherAssemblies(Accessibility accessibility)
        => accessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal;

    internal SemanticModel? SemanticModelFor(SyntaxNode node)
        => _compilation.ContainsSyntaxTree(node.SyntaxTree) ? SemanticModels.Of(_compilation, node.SyntaxTree) : null;

    private IOperation? GetOperation(SyntaxNode node, CancellationToken cancellationToken)
        => _compilation.ContainsSyntaxTree(node.SyntaxTree) ? SemanticModels.Of(_compilation, node.SyntaxTree).GetOperation(node, cancellationToken) : null;
}
