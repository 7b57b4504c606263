using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.Credentials;

/// <summary>
/// Whether credentials go to a local emulator (LocalStack, DynamoDB Local, MinIO): the client's config, or the config
/// of the client a credentials object is handed to, has a <c>ServiceURL</c> that is, or falls back to, an emulator
/// address. A fallback is any value the URL can take: a constant, either arm of a ternary, an arm of a switch
/// expression, the right of <c>??</c> or <c>??=</c>, the default argument of a configuration read
/// (<c>config.GetValue("Url", "http://localhost:8000")</c>),
/// the values a local is assigned, a field's or property's initializer (the default of a bound settings class), what a
/// helper declared in source returns, or the constant start of an interpolation (<c>$"http://localhost:{port}"</c>).
/// </summary>
internal static class EmulatorContext
{
    private const int MaxDepth = 8;

    private static readonly ImmutableArray<string> ServiceUrlProperty = ImmutableArray.Create("ServiceURL");

    /// <summary>The client (or the client the credentials object is handed to) talks to a local emulator.</summary>
    public static bool TargetsEmulator(CredentialSink sink, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        switch (sink.Kind)
        {
            case CredentialSinkKind.Client:
                return sink.Config is not null && ConfigTargetsEmulator(sink.Config, evaluator, cancellationToken);
            case CredentialSinkKind.CredentialsObject:
                foreach (var consumer in ConsumersOf(sink.Operation, cancellationToken))
                {
                    if (consumer is IObjectCreationOperation client && types.IsClient(client.Type))
                    {
                        var config = client.Arguments.FirstOrDefault(a => AwsTypes.InheritsFromOrEquals(a.Parameter?.Type, types.ClientConfig));
                        if (config is not null && ConfigTargetsEmulator(config.Value, evaluator, cancellationToken))
                        {
                            return true;
                        }
                    }
                    else if (consumer is IInvalidOperation unresolved && types.IsClient(unresolved.Type))
                    {
                        // The client's overload resolution failed: its config decides, and may be the part that does not bind.
                        if (UnresolvedConfigMayTargetEmulator(unresolved, types, evaluator, cancellationToken))
                        {
                            return true;
                        }
                    }
                    else if (consumer is IObjectCreationOperation options && SymbolEqualityComparer.Default.Equals(options.Type, types.AWSOptions))
                    {
                        // new AWSOptions { Credentials = ..., DefaultClientConfig = { ServiceURL = "http://localhost:4566" } }
                        var holder = options.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } ? declarator.Symbol : null;
                        if (AwsOptionsTargetsEmulator(options, holder, evaluator, cancellationToken))
                        {
                            return true;
                        }
                    }
                    else if (consumer is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Type, types.AWSOptions))
                    {
                        // var options = configuration.GetAWSOptions(); options.Credentials = ...; options.DefaultClientConfig.ServiceURL = ...;
                        if (AwsOptionsTargetsEmulator(local, local.Local, evaluator, cancellationToken))
                        {
                            return true;
                        }
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// A client creation that does not resolve, holding the credentials: true when an argument that does not bind may be
    /// its config, or a config that binds may aim at an emulator.
    /// </summary>
    private static bool UnresolvedConfigMayTargetEmulator(IInvalidOperation client, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        if (UnresolvedCreation.TryRead(client, cancellationToken) is not { } creation)
        {
            return true;
        }

        for (var i = 0; i < creation.Arguments.Length; i++)
        {
            var argument = creation.Arguments[i];
            if (UnresolvedCreation.IsUnbound(argument))
            {
                if (creation.ParametersAt(i).Any(p => AwsTypes.InheritsFromOrEquals(p.Type, types.ClientConfig)))
                {
                    return true;
                }
            }
            else if (AwsTypes.InheritsFromOrEquals(argument!.Type, types.ClientConfig) && ConfigTargetsEmulator(argument, evaluator, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An <c>AWSOptions</c> whose <c>DefaultClientConfig.ServiceURL</c> may be an emulator: in the initializer of
    /// <paramref name="options"/> when it is the creation, or assigned through <paramref name="holder"/>, the local that
    /// holds it, in the same body.
    /// </summary>
    private static bool AwsOptionsTargetsEmulator(IOperation options, ILocalSymbol? holder, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        if (options is IObjectCreationOperation { Initializer: { } initializer })
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "DefaultClientConfig" }, Initializer: { } nested }
                    && nested.Initializers.OfType<ISimpleAssignmentOperation>().Any(a => a.Target is IPropertyReferenceOperation { Property.Name: "ServiceURL" } && MayBeEmulatorUrl(a.Value, evaluator, cancellationToken)))
                {
                    return true;
                }
            }
        }

        if (holder is null)
        {
            return false;
        }

        foreach (var op in HardCodedValueEvaluator.GetRoot(options).Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (op is ISimpleAssignmentOperation
                {
                    Target: IPropertyReferenceOperation { Property.Name: "ServiceURL", Instance: IPropertyReferenceOperation { Property.Name: "DefaultClientConfig", Instance: ILocalReferenceOperation local } },
                } assignment
                && SymbolEqualityComparer.Default.Equals(local.Local, holder)
                && MayBeEmulatorUrl(assignment.Value, evaluator, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The operations that receive the object made by <paramref name="creation"/>, directly or through the local that
    /// holds it: the creation it is an argument of or initializes a member of, or the local whose member it is
    /// assigned to (<c>options.Credentials = creds</c>).
    /// </summary>
    private static IEnumerable<IOperation> ConsumersOf(IOperation creation, CancellationToken cancellationToken)
    {
        var current = creation;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        if (current.Parent is IArgumentOperation { Parent: { } consumer })
        {
            yield return consumer;
        }
        else if (current.Parent is IInvalidOperation unresolved)
        {
            // An argument of a creation whose overload resolution failed.
            yield return unresolved;
        }
        else if (current.Parent is ISimpleAssignmentOperation { Parent: IObjectOrCollectionInitializerOperation { Parent: { } owner } })
        {
            yield return owner;
        }
        else if (current.Parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation target } } memberAssignment && memberAssignment.Value == current)
        {
            yield return target;
        }
        else if (current.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            foreach (var op in HardCodedValueEvaluator.GetRoot(creation).Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (op is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol))
                {
                    IOperation value = reference;
                    var use = reference.Parent;
                    while (use is IConversionOperation)
                    {
                        value = use;
                        use = use.Parent;
                    }

                    if (use is IArgumentOperation { Parent: { } receiver })
                    {
                        yield return receiver;
                    }
                    else if (use is ISimpleAssignmentOperation { Parent: IObjectOrCollectionInitializerOperation { Parent: { } holder } })
                    {
                        yield return holder;
                    }
                    else if (use is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation local } } assignment && assignment.Value == value)
                    {
                        yield return local;
                    }
                }
            }
        }
    }

    /// <summary>
    /// A config object (created inline, in a local, or in the initializer of a field or property declared in source)
    /// whose ServiceURL may be a local emulator.
    /// </summary>
    public static bool ConfigTargetsEmulator(IOperation config, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        config = ObjectCreations.StripConversions(config);
        IObjectCreationOperation? creation = config as IObjectCreationOperation;
        var aliases = ImmutableArray<ILocalSymbol>.Empty;
        if (creation is null && config is ILocalReferenceOperation local)
        {
            creation = ObjectCreations.FindSingleCreationAssignedTo(local, cancellationToken);
            aliases = ImmutableArray.Create(local.Local);
        }
        else if (creation is null && config is IFieldReferenceOperation or IPropertyReferenceOperation { Arguments.IsEmpty: true })
        {
            // private readonly AmazonS3Config _config = new() { ServiceURL = url ?? "http://localhost:4566" };
            var member = ((IMemberReferenceOperation)config).Member.OriginalDefinition;
            foreach (var declared in DeclaredValues(member, evaluator, cancellationToken))
            {
                if (ObjectCreations.StripConversions(declared) is IObjectCreationOperation { Initializer: { } initializer })
                {
                    return initializer.Initializers.OfType<ISimpleAssignmentOperation>()
                        .Any(a => a.Target is IPropertyReferenceOperation { Property.Name: "ServiceURL" } && MayBeEmulatorUrl(a.Value, evaluator, cancellationToken));
                }
            }

            return false;
        }

        if (creation is null)
        {
            return false;
        }

        var usage = CreatedObjectTracker.Analyze(creation, ServiceUrlProperty, aliases, cancellationToken);
        return usage.WritesTo("ServiceURL").Any(w => w.Value is not null && MayBeEmulatorUrl(w.Value, evaluator, cancellationToken));
    }

    /// <summary>True when some value the URL can take, constant or fallback, is an emulator endpoint.</summary>
    public static bool MayBeEmulatorUrl(IOperation value, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
        => MayBeEmulatorUrl(value, evaluator, depth: 0, visited: null, cancellationToken);

    private static bool MayBeEmulatorUrl(IOperation? value, HardCodedValueEvaluator evaluator, int depth, HashSet<ISymbol>? visited, CancellationToken cancellationToken)
    {
        if (value is null || depth > MaxDepth)
        {
            return false;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var values = evaluator.Evaluate(value, cancellationToken);
        if (values.IsKnown)
        {
            return values.Values.Any(EmulatorEndpoints.IsEmulator);
        }

        if (UnresolvedCreation.IsUnbound(value) && value is not IConversionOperation)
        {
            // Does not bind (a reference that did not load, code being typed): it may be an emulator's address.
            return true;
        }

        depth++;
        switch (value)
        {
            case IConversionOperation conversion:
                return MayBeEmulatorUrl(conversion.Operand, evaluator, depth, visited, cancellationToken);
            case IParenthesizedOperation parenthesized:
                return MayBeEmulatorUrl(parenthesized.Operand, evaluator, depth, visited, cancellationToken);
            case IConditionalOperation { WhenFalse: not null } conditional:
                return MayBeEmulatorUrl(conditional.WhenTrue, evaluator, depth, visited, cancellationToken)
                    || MayBeEmulatorUrl(conditional.WhenFalse, evaluator, depth, visited, cancellationToken);
            case ICoalesceOperation coalesce:
                return MayBeEmulatorUrl(coalesce.Value, evaluator, depth, visited, cancellationToken)
                    || MayBeEmulatorUrl(coalesce.WhenNull, evaluator, depth, visited, cancellationToken);
            case ISwitchExpressionOperation switchExpression:
                return switchExpression.Arms.Any(arm => MayBeEmulatorUrl(arm.Value, evaluator, depth, visited, cancellationToken));
            case IInvocationOperation invocation:
                // config.GetValue<string>("DynamoDbUrl", "http://localhost:8000"), GetOrDefault(key, fallback: ...), and a
                // fallback parameter's own default when the call leaves it out.
                if (invocation.Arguments.Any(a => IsFallbackParameter(a.Parameter) && MayBeEmulatorUrl(a.Value, evaluator, depth, visited, cancellationToken)))
                {
                    return true;
                }

                // A helper of ours that returns the URL: string ServiceUrl() => Environment.GetEnvironmentVariable("X") ?? "http://localhost:4566";
                var method = invocation.TargetMethod.OriginalDefinition;
                return !method.IsVirtual && !method.IsAbstract && !method.IsOverride && Enter(ref visited, method)
                    && ReturnedValues(method, evaluator, cancellationToken).Any(v => MayBeEmulatorUrl(v, evaluator, depth, visited, cancellationToken));
            case ILocalReferenceOperation local:
                return Enter(ref visited, local.Local)
                    && ValuesAssignedTo(local, cancellationToken).Any(v => MayBeEmulatorUrl(v, evaluator, depth, visited, cancellationToken));
            case IFieldReferenceOperation field:
                return Enter(ref visited, field.Field.OriginalDefinition)
                    && DeclaredValues(field.Field.OriginalDefinition, evaluator, cancellationToken).Any(v => MayBeEmulatorUrl(v, evaluator, depth, visited, cancellationToken));
            case IPropertyReferenceOperation { Arguments.IsEmpty: true } property:
                return Enter(ref visited, property.Property.OriginalDefinition)
                    && DeclaredValues(property.Property.OriginalDefinition, evaluator, cancellationToken).Any(v => MayBeEmulatorUrl(v, evaluator, depth, visited, cancellationToken));
            case IInterpolatedStringOperation or IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
                return LeadingText(value, evaluator, cancellationToken) is { } prefix && EmulatorEndpoints.IsEmulatorPrefix(prefix);
            default:
                return false;
        }
    }

    /// <summary>A parameter that supplies the value used when the setting is missing: <c>defaultValue</c>, <c>fallback</c>, ...</summary>
    private static bool IsFallbackParameter(IParameterSymbol? parameter)
        => parameter is not null
           && (parameter.Name.IndexOf("default", StringComparison.OrdinalIgnoreCase) >= 0 || parameter.Name.IndexOf("fallback", StringComparison.OrdinalIgnoreCase) >= 0);

    private static bool Enter(ref HashSet<ISymbol>? visited, ISymbol symbol)
    {
        visited ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        return visited.Add(symbol);
    }

    /// <summary>The values a local is given in its body: its initializer, assignments and the fallback of <c>??=</c>.</summary>
    private static IEnumerable<IOperation> ValuesAssignedTo(ILocalReferenceOperation local, CancellationToken cancellationToken)
    {
        foreach (var op in HardCodedValueEvaluator.GetRoot(local).Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (op)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local):
                    if ((declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer)?.Value is { } initial)
                    {
                        yield return initial;
                    }

                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local.Local):
                    yield return assignment.Value;
                    break;
                case ICoalesceAssignmentOperation { Target: ILocalReferenceOperation target } coalesce when SymbolEqualityComparer.Default.Equals(target.Local, local.Local):
                    yield return coalesce.Value;
                    break;
            }
        }
    }

    /// <summary>
    /// The values a field or property declared in source holds by its declaration: a field's initializer, a property's
    /// initializer or expression body. A settable property's initializer is its default: the value used when nothing
    /// binds it.
    /// </summary>
    private static IEnumerable<IOperation> DeclaredValues(ISymbol member, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            var expression = reference.GetSyntax(cancellationToken) switch
            {
                VariableDeclaratorSyntax { Initializer.Value: { } value } => value,
                PropertyDeclarationSyntax { ExpressionBody.Expression: { } body } => body,
                PropertyDeclarationSyntax { Initializer.Value: { } value } => value,
                _ => null,
            };
            if (expression is not null && evaluator.SemanticModelFor(expression)?.GetOperation(expression, cancellationToken) is { } operation)
            {
                yield return operation;
            }
        }
    }

    /// <summary>What a method declared in source returns: its expression body, or the value of each of its own <c>return</c> statements.</summary>
    private static IEnumerable<IOperation> ReturnedValues(IMethodSymbol method, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            SyntaxNode? body = syntax switch
            {
                MethodDeclarationSyntax { ExpressionBody.Expression: { } expression } => expression,
                MethodDeclarationSyntax { Body: { } block } => block,
                LocalFunctionStatementSyntax { ExpressionBody.Expression: { } expression } => expression,
                LocalFunctionStatementSyntax { Body: { } block } => block,
                _ => null,
            };
            if (body is null || evaluator.SemanticModelFor(body)?.GetOperation(body, cancellationToken) is not { } operation)
            {
                continue;
            }

            if (body is not BlockSyntax)
            {
                yield return operation;
                continue;
            }

            foreach (var op in operation.Descendants())
            {
                if (op is IReturnOperation { ReturnedValue: { } returned } && IsOwnReturn(op, operation))
                {
                    yield return returned;
                }
            }
        }
    }

    /// <summary>The return belongs to the method itself, not to a lambda or local function inside it.</summary>
    private static bool IsOwnReturn(IOperation returnOperation, IOperation body)
    {
        for (var p = returnOperation.Parent; p is not null && p != body; p = p.Parent)
        {
            if (p is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The constant text an interpolation or concatenation starts with (<c>$"http://localhost:{port}"</c> starts with <c>http://localhost:</c>).</summary>
    private static string? LeadingText(IOperation value, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        switch (value)
        {
            case IConversionOperation conversion:
                return LeadingText(conversion.Operand, evaluator, cancellationToken, depth + 1);
            case IInterpolatedStringOperation interpolated:
                var text = new StringBuilder();
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string s } })
                    {
                        text.Append(s);
                    }
                    else if (part is IInterpolationOperation { Alignment: null, FormatString: null } hole && Single(evaluator.Evaluate(hole.Expression, cancellationToken)) is { } known)
                    {
                        text.Append(known);
                    }
                    else
                    {
                        break;
                    }
                }

                return text.ToString();
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                var left = Single(evaluator.Evaluate(binary.LeftOperand, cancellationToken));
                return left is null ? LeadingText(binary.LeftOperand, evaluator, cancellationToken, depth + 1) : left + LeadingText(binary.RightOperand, evaluator, cancellationToken, depth + 1);
            default:
                return Single(evaluator.Evaluate(value, cancellationToken));
        }
    }

    private static string? Single(ValueSet values) => values.IsKnown && values.Values.Length == 1 ? values.Values[0] : null;
}
