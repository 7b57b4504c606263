using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.Values;

/// <summary>One assignment to a tracked property of a created object. <see cref="Value"/> is null when it cannot be known.</summary>
internal readonly struct PropertyWrite
{
    public PropertyWrite(string propertyName, IOperation? value, SyntaxNode syntax)
    {
        PropertyName = propertyName;
        Value = value;
        Syntax = syntax;
    }

    public string PropertyName { get; }

    public IOperation? Value { get; }

    /// <summary>The assignment (or the initializer member) that writes the property.</summary>
    public SyntaxNode Syntax { get; }
}

/// <summary>What one body does with an object it creates: which tracked properties it assigns, and whether the object escapes to code we cannot see.</summary>
internal sealed class CreatedObjectUsage
{
    internal CreatedObjectUsage(bool escapes, IMethodSymbol? returnedFrom, ImmutableArray<PropertyWrite> writes)
    {
        Escapes = escapes;
        ReturnedFrom = returnedFrom;
        Writes = writes;
    }

    /// <summary>The method or local function that returns the object to its callers (a factory), or null.</summary>
    public IMethodSymbol? ReturnedFrom { get; }

    /// <summary>
    /// True when code outside this body may configure the object: it is passed by <c>ref</c>/<c>out</c>, handed to a
    /// source method whose body cannot be read or stores it (<see cref="HelperWrites"/>), or stored in a member that the
    /// declaring type configures elsewhere. Being returned is reported separately (<see cref="ReturnedFrom"/>).
    /// </summary>
    public bool Escapes { get; }

    public ImmutableArray<PropertyWrite> Writes { get; }

    public IEnumerable<PropertyWrite> WritesTo(string propertyName) => Writes.Where(w => w.PropertyName == propertyName);
}

/// <summary>
/// The per-body tracker of objects created and the properties later assigned on them ("was ExternalId set").
/// It follows the object through the local that holds it and any local aliases, inside the body that creates it
/// (lambdas and local functions included); where the object is handed to a method declared in source, that method's
/// body is read (<see cref="HelperWrites"/>).
/// </summary>
internal static class CreatedObjectTracker
{
    public static CreatedObjectUsage Analyze(IOperation creation, ImmutableArray<string> properties, CancellationToken cancellationToken)
        => Analyze(creation, properties, extraAliases: ImmutableArray<ILocalSymbol>.Empty, cancellationToken);

    /// <summary>
    /// Follows the object produced by <paramref name="creation"/> (an object creation, or a call that returns the
    /// object, when following a factory's callers) through its body.
    /// </summary>
    public static CreatedObjectUsage Analyze(IOperation creation, ImmutableArray<string> properties, ImmutableArray<ILocalSymbol> extraAliases, CancellationToken cancellationToken)
    {
        var writes = ImmutableArray.CreateBuilder<PropertyWrite>();
        var escapes = false;
        IMethodSymbol? returnedFrom = null;

        if (creation is IObjectCreationOperation { Initializer: { } initializer })
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment && properties.Contains(target.Property.Name))
                {
                    writes.Add(new PropertyWrite(target.Property.Name, assignment.Value, assignment.Syntax));
                }
            }
        }

        var aliases = new HashSet<ILocalSymbol>(extraAliases, SymbolEqualityComparer.Default);
        switch (Classify(creation, out var destination))
        {
            case Flow.Handed:
                escapes |= Handed(creation, (IParameterSymbol)destination!, properties, writes, cancellationToken);
                break;
            case Flow.Escapes:
                escapes = true;
                break;
            case Flow.Returned:
                returnedFrom = destination as IMethodSymbol;
                escapes |= returnedFrom is null;
                break;
            case Flow.Local:
                aliases.Add((ILocalSymbol)destination!);
                break;
            case Flow.Member:
                if (MemberConfiguredElsewhere(creation, destination!, properties, cancellationToken))
                {
                    escapes = true;
                }

                break;
        }

        if (aliases.Count > 0 && !escapes)
        {
            var root = HardCodedValueEvaluator.GetRoot(creation);
            var seen = new HashSet<IOperation>();
            bool changed;
            do
            {
                changed = false;
                foreach (var op in root.Descendants())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (op is not ILocalReferenceOperation reference || !aliases.Contains(reference.Local) || !seen.Add(reference))
                    {
                        continue;
                    }

                    if (reference.Parent is IPropertyReferenceOperation property && property.Instance == reference && properties.Contains(property.Property.Name))
                    {
                        if (HardCodedValueEvaluator.IsWrite(property, out var value))
                        {
                            writes.Add(new PropertyWrite(property.Property.Name, value, property.Parent!.Syntax));
                        }

                        continue;
                    }

                    if (HardCodedValueEvaluator.IsWrite(reference, out _))
                    {
                        if (reference.Parent is IArgumentOperation or IVariableInitializerOperation)
                        {
                            // Passed by ref/out, or aliased by a ref local: someone else may set it.
                            escapes = true;
                        }

                        continue;
                    }

                    switch (Classify(reference, out var target))
                    {
                        case Flow.Handed:
                            escapes |= Handed(reference, (IParameterSymbol)target!, properties, writes, cancellationToken);
                            break;
                        case Flow.Escapes:
                            escapes = true;
                            break;
                        case Flow.Returned:
                            returnedFrom = target as IMethodSymbol;
                            escapes |= returnedFrom is null;
                            break;
                        case Flow.Local when aliases.Add((ILocalSymbol)target!):
                            changed = true;
                            break;
                        case Flow.Member when MemberConfiguredElsewhere(creation, target!, properties, cancellationToken):
                            escapes = true;
                            break;
                    }
                }
            }
            while (changed && !escapes);
        }

        return new CreatedObjectUsage(escapes, escapes ? null : returnedFrom, writes.ToImmutable());
    }

    /// <summary>
    /// The object is handed to <paramref name="parameter"/> of a source method: a property that method sets counts as
    /// written here (its value unknown); true when what the method does cannot be known.
    /// </summary>
    private static bool Handed(IOperation use, IParameterSymbol parameter, ImmutableArray<string> properties, ImmutableArray<PropertyWrite>.Builder writes, CancellationToken cancellationToken)
    {
        var compilation = use.SemanticModel?.Compilation;
        if (compilation is null)
        {
            return true;
        }

        foreach (var property in properties)
        {
            switch (HelperWrites.Of(compilation, parameter, ImmutableArray.Create(property), cancellationToken))
            {
                case HelperEffect.Sets:
                    writes.Add(new PropertyWrite(property, null, use.Syntax));
                    break;
                case HelperEffect.Unknown:
                    return true;
                case HelperEffect.ReturnsIt when HelperWrites.ResultOf(CallOf(use)) != HelperEffect.Untouched:
                    // The same object comes back from the call and goes on: not followed.
                    return true;
            }
        }

        return false;
    }

    /// <summary>The call that <paramref name="use"/> is an argument of.</summary>
    private static IOperation? CallOf(IOperation use)
    {
        var current = use;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        return (current.Parent as IArgumentOperation)?.Parent;
    }

    private enum Flow
    {
        None,
        Local,
        Member,
        Escapes,
        Returned,

        /// <summary>Handed to a method declared in source, whose body says what it does (<see cref="HelperWrites"/>).</summary>
        Handed,
    }

    /// <summary>Where the value of <paramref name="operation"/> (the object) goes next.</summary>
    private static Flow Classify(IOperation operation, out ISymbol? destination)
    {
        destination = null;
        var current = operation;

        // The object flows on through conversions and through the arm of a ternary, a switch expression or a ??
        // (env switch { Staging => new() { ... }, _ => new() { ... } }): where the whole expression goes, it goes.
        while (current.Parent is IConversionOperation or IParenthesizedOperation
               || (current.Parent is IConditionalOperation conditional && current != conditional.Condition)
               || current.Parent is ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation }
               || current.Parent is ICoalesceOperation)
        {
            current = current.Parent is ISwitchExpressionArmOperation arm ? arm.Parent! : current.Parent;
        }

        switch (current.Parent)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                destination = declarator.Symbol;
                return Flow.Local;
            case IVariableInitializerOperation { Parent: IVariableDeclarationOperation declaration } when declaration.Declarators.Length == 1:
                destination = declaration.Declarators[0].Symbol;
                return Flow.Local;
            case ISimpleAssignmentOperation assignment when assignment.Value == current:
                switch (assignment.Target)
                {
                    case ILocalReferenceOperation local:
                        destination = local.Local;
                        return Flow.Local;
                    case IFieldReferenceOperation field:
                        destination = field.Field;
                        return Flow.Member;
                    case IPropertyReferenceOperation property:
                        destination = property.Property;
                        return Flow.Member;
                    default:
                        return Flow.None;
                }

            case IFieldInitializerOperation fieldInitializer when fieldInitializer.InitializedFields.Length > 0:
                destination = fieldInitializer.InitializedFields[0];
                return Flow.Member;
            case IPropertyInitializerOperation propertyInitializer when propertyInitializer.InitializedProperties.Length > 0:
                destination = propertyInitializer.InitializedProperties[0];
                return Flow.Member;
            case IArgumentOperation argument:
                if (argument.Parameter is null)
                {
                    return Flow.None;
                }

                if (argument.Parameter.RefKind is RefKind.Ref or RefKind.Out)
                {
                    return Flow.Escapes;
                }

                // A delegate (a configurator the caller passes): its target is not known here.
                if (argument.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.DelegateInvoke })
                {
                    return Flow.Escapes;
                }

                // A helper of ours (declared in source): its body says whether it sets the property. The SDK's methods
                // and library methods (List<T>.Add, loggers) do not configure it.
                if (argument.Parameter.ContainingSymbol is IMethodSymbol { DeclaringSyntaxReferences.IsEmpty: false } or IMethodSymbol { PartialImplementationPart: not null })
                {
                    destination = argument.Parameter;
                    return Flow.Handed;
                }

                return Flow.None;
            case IReturnOperation returnOperation:
                // Returned from a method or local function: its callers may complete it. A lambda's result (a DI
                // factory, for example) is final.
                if (returnOperation.Kind == OperationKind.YieldReturn)
                {
                    return Flow.Escapes;
                }

                for (var p = current.Parent; p is not null; p = p.Parent)
                {
                    if (p is IAnonymousFunctionOperation)
                    {
                        return Flow.None;
                    }

                    if (p is ILocalFunctionOperation localFunction)
                    {
                        destination = localFunction.Symbol;
                        return Flow.Returned;
                    }
                }

                destination = current.SemanticModel?.GetEnclosingSymbol(current.Syntax.SpanStart) as IMethodSymbol;
                return destination is IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.PropertyGet } ? Flow.Returned : Flow.Escapes;
            default:
                return Flow.None;
        }
    }

    /// <summary>
    /// Syntax scan for <c>member.Property = ...</c> (or <c>x.member.Property = ...</c>) when the object is stored in a
    /// field or property: of this type (configured in another member: scan the type's declarations), or of another
    /// object (<c>new Job { Request = new AssumeRoleRequest() }</c>, configured later through it: scan this body).
    /// </summary>
    private static bool MemberConfiguredElsewhere(IOperation creation, ISymbol member, ImmutableArray<string> properties, CancellationToken cancellationToken)
    {
        var store = creation.Parent;
        while (store is IConversionOperation or IParenthesizedOperation)
        {
            store = store.Parent;
        }

        var instance = store switch
        {
            ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } => target.Instance,
            _ => null,
        };
        var ownMember = instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
        var scopes = ownMember
            ? member.ContainingType?.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)) ?? Enumerable.Empty<SyntaxNode>()
            : new[] { HardCodedValueEvaluator.GetRoot(creation).Syntax };

        foreach (var scope in scopes)
        {
            foreach (var assignment in scope.DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                if (assignment.Left is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var property } access
                    && properties.Contains(property)
                    && LastName(access.Expression) == member.Name
                    && !creation.Syntax.Span.Contains(assignment.Span))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string? LastName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => null,
    };
}
