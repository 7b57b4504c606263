using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using CrossAccountAnalyzers.Policies;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.TrustPolicies;

/// <summary>
/// A policy written as C# objects, as the JSON it serializes to: an object (anonymous object, <c>Dictionary</c>,
/// Newtonsoft <c>JObject</c>), an array (<c>new[] { ... }</c>, <c>List</c>, <c>JArray</c>), a string (with
/// <see cref="PolicyText.Hole"/> for run-time parts), or unknown.
/// </summary>
internal sealed class ObjectPolicyNode
{
    public enum NodeKind
    {
        String,
        Array,
        Object,
        Unknown,
    }

    private ObjectPolicyNode(NodeKind kind, IOperation operation, string? text, List<KeyValuePair<string, ObjectPolicyNode>>? members, List<ObjectPolicyNode>? elements)
    {
        Kind = kind;
        Operation = operation;
        Text = text;
        Members = members;
        Elements = elements;
    }

    public NodeKind Kind { get; }

    /// <summary>Where the value is written (after following locals): the squiggle for a principal.</summary>
    public IOperation Operation { get; }

    public SyntaxNode Syntax => Operation.Syntax;

    /// <summary>A string's text; run-time parts are <see cref="PolicyText.Hole"/>.</summary>
    public string? Text { get; }

    public List<KeyValuePair<string, ObjectPolicyNode>>? Members { get; }

    public List<ObjectPolicyNode>? Elements { get; }

    public ObjectPolicyNode? Get(string name)
        => Members?.FirstOrDefault(m => m.Key == name).Value;

    /// <summary>A string, or the elements of an array (any element may be unknown).</summary>
    public IEnumerable<ObjectPolicyNode> StringOrArray()
        => Kind == NodeKind.Array ? Elements! : new[] { this };

    private const int MaxDepth = 24;

    /// <summary>The tree <paramref name="operation"/> serializes to; unknown parts are <see cref="NodeKind.Unknown"/> nodes.</summary>
    public static ObjectPolicyNode Build(IOperation operation, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
        => Build(operation, evaluator, 0, cancellationToken);

    private static ObjectPolicyNode Unknown(IOperation operation) => new(NodeKind.Unknown, operation, null, null, null);

    private static ObjectPolicyNode Build(IOperation operation, HardCodedValueEvaluator evaluator, int depth, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var op = ObjectCreations.StripConversions(operation);
        if (depth > MaxDepth)
        {
            return Unknown(op);
        }

        switch (op)
        {
            case ILocalReferenceOperation local:
                // A container filled later (dictionary.Add, list.Add, d[key] = ...) is not read: unknown.
                return !IsChangedLater(local) && ObjectCreations.FindSingleValueAssignedTo(local, cancellationToken) is { } assigned
                    ? Build(assigned, evaluator, depth + 1, cancellationToken)
                    : Unknown(op);

            case IAnonymousObjectCreationOperation anonymous:
            {
                var members = new List<KeyValuePair<string, ObjectPolicyNode>>();
                foreach (var initializer in anonymous.Initializers)
                {
                    if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                    {
                        members.Add(new KeyValuePair<string, ObjectPolicyNode>(property.Property.Name, Build(assignment.Value, evaluator, depth + 1, cancellationToken)));
                    }
                }

                return new ObjectPolicyNode(NodeKind.Object, op, null, members, null);
            }

            case IArrayCreationOperation { Initializer: { } arrayInitializer }:
                return new ObjectPolicyNode(NodeKind.Array, op, null, null, arrayInitializer.ElementValues.Select(e => Build(e, evaluator, depth + 1, cancellationToken)).ToList());

            case IObjectCreationOperation creation:
                return BuildCreation(creation, evaluator, depth, cancellationToken);

            case IInterpolatedStringOperation or IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } when op.ConstantValue is not { HasValue: true }:
                return Template(op, evaluator, cancellationToken) is { } template ? new ObjectPolicyNode(NodeKind.String, op, template, null, null) : Unknown(op);

            default:
                var values = evaluator.Evaluate(op, cancellationToken);
                return values is { IsKnown: true, Values.Length: 1 } && values.Values[0] is { } text
                    ? new ObjectPolicyNode(NodeKind.String, op, text, null, null)
                    : Unknown(op);
        }
    }

    private static ObjectPolicyNode BuildCreation(IObjectCreationOperation creation, HardCodedValueEvaluator evaluator, int depth, CancellationToken cancellationToken)
    {
        var type = creation.Type as INamedTypeSymbol;
        var isNewtonsoft = type?.ContainingNamespace?.ToDisplayString() == "Newtonsoft.Json.Linq";
        var members = new List<KeyValuePair<string, ObjectPolicyNode>>();
        var elements = new List<ObjectPolicyNode>();

        if (isNewtonsoft && creation.Arguments.Length > 0)
        {
            // new JObject(new JProperty("Effect", "Allow"), ...), new JArray("a", "b"), new JValue("x").
            foreach (var argument in creation.Arguments)
            {
                var values = ArrayElementsOrSelf(argument.Value);
                foreach (var value in values)
                {
                    var item = ObjectCreations.StripConversions(value);
                    if (type!.Name == "JObject" && item is IObjectCreationOperation { Type.Name: "JProperty", Arguments.Length: 2 } property
                        && CdkTrustReader.KnownText(property.Arguments[0].Value, evaluator, cancellationToken) is { } name)
                    {
                        members.Add(new KeyValuePair<string, ObjectPolicyNode>(name, Build(property.Arguments[1].Value, evaluator, depth + 1, cancellationToken)));
                    }
                    else if (type.Name == "JArray")
                    {
                        elements.Add(Build(item, evaluator, depth + 1, cancellationToken));
                    }
                    else if (type.Name == "JValue")
                    {
                        return Build(item, evaluator, depth + 1, cancellationToken);
                    }
                    else
                    {
                        return Unknown(creation);
                    }
                }
            }
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var item in initializer.Initializers)
            {
                switch (item)
                {
                    case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 2 } add
                        when CdkTrustReader.KnownText(add.Arguments[0].Value, evaluator, cancellationToken) is { } key:
                        members.Add(new KeyValuePair<string, ObjectPolicyNode>(key, Build(add.Arguments[1].Value, evaluator, depth + 1, cancellationToken)));
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add:
                        elements.Add(Build(add.Arguments[0].Value, evaluator, depth + 1, cancellationToken));
                        break;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } assignment
                        when CdkTrustReader.KnownText(indexer.Arguments[0].Value, evaluator, cancellationToken) is { } key:
                        members.Add(new KeyValuePair<string, ObjectPolicyNode>(key, Build(assignment.Value, evaluator, depth + 1, cancellationToken)));
                        break;
                    default:
                        return Unknown(creation);
                }
            }
        }

        if (members.Count > 0 && elements.Count == 0)
        {
            return new ObjectPolicyNode(NodeKind.Object, creation, null, members, null);
        }

        if (elements.Count > 0 && members.Count == 0)
        {
            return new ObjectPolicyNode(NodeKind.Array, creation, null, null, elements);
        }

        if (members.Count == 0 && elements.Count == 0 && creation.Arguments.IsEmpty)
        {
            // An empty container: a dictionary (string indexer) is {}, a list is [].
            if (type?.GetMembers().OfType<IPropertySymbol>().Any(p => p.IsIndexer && p.Parameters.Length == 1 && p.Parameters[0].Type.SpecialType == SpecialType.System_String) == true)
            {
                return new ObjectPolicyNode(NodeKind.Object, creation, null, members, null);
            }

            if (type?.Name is "List" or "JArray")
            {
                return new ObjectPolicyNode(NodeKind.Array, creation, null, null, elements);
            }
        }

        return Unknown(creation);
    }

    private static IEnumerable<IOperation> ArrayElementsOrSelf(IOperation value)
        => ObjectCreations.Unwrap(value) is IArrayCreationOperation { IsImplicit: true, Initializer: { } initializer } ? initializer.ElementValues : new[] { value };

    /// <summary>Whether code after the declaration adds to the container in <paramref name="local"/> (a call on it, an indexer write).</summary>
    private static bool IsChangedLater(ILocalReferenceOperation local)
    {
        foreach (var op in HardCodedValueEvaluator.GetRoot(local).Descendants())
        {
            if (op is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local.Local)
                && (reference.Parent is IInvocationOperation invocation && invocation.Instance == reference
                    || reference.Parent is IPropertyReferenceOperation { Property.IsIndexer: true } indexer && indexer.Instance == reference && HardCodedValueEvaluator.IsWrite(indexer, out _)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text of an interpolation or concatenation, run-time parts as <see cref="PolicyText.Hole"/>.</summary>
    private static string? Template(IOperation operation, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var builder = new StringBuilder();
        return Append(operation, builder, evaluator, 0, cancellationToken) ? builder.ToString() : null;
    }

    private static bool Append(IOperation operation, StringBuilder builder, HardCodedValueEvaluator evaluator, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        var op = ObjectCreations.StripConversions(operation);
        switch (op)
        {
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolatedStringTextOperation text)
                    {
                        builder.Append(text.Text.ConstantValue.Value as string);
                    }
                    else if (part is IInterpolationOperation interpolation)
                    {
                        if (interpolation.Alignment is not null || interpolation.FormatString is not null)
                        {
                            builder.Append(PolicyText.Hole);
                        }
                        else
                        {
                            Append(interpolation.Expression, builder, evaluator, depth + 1, cancellationToken);
                        }
                    }
                }

                return true;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } add when op.ConstantValue is not { HasValue: true }:
                return Append(add.LeftOperand, builder, evaluator, depth + 1, cancellationToken) && Append(add.RightOperand, builder, evaluator, depth + 1, cancellationToken);
            default:
                builder.Append(evaluator.Evaluate(op, cancellationToken) is { IsKnown: true, Values.Length: 1 } known ? known.Values[0] : PolicyText.Hole.ToString());
                return true;
        }
    }
}
