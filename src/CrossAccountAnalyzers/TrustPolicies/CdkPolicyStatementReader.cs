using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Policies;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.TrustPolicies;

/// <summary>A CDK <c>PolicyStatement</c> read into the model, with where it is written (for fixes).</summary>
internal sealed class CdkStatement
{
    public CdkStatement(PolicyStatement statement, IObjectCreationOperation? creation, IObjectCreationOperation? props, ISymbol? holder, bool conditionsWritten)
    {
        Statement = statement;
        Creation = creation;
        Props = props;
        Holder = holder;
        ConditionsWritten = conditionsWritten;
    }

    public PolicyStatement Statement { get; }

    /// <summary>The <c>new PolicyStatement(...)</c>; null for <c>PolicyStatement.FromJson(...)</c>.</summary>
    public IObjectCreationOperation? Creation { get; }

    /// <summary>The <c>PolicyStatementProps</c> creation (inline or in a local of the same body), when there is one.</summary>
    public IObjectCreationOperation? Props { get; }

    /// <summary>The local or field the statement is stored in, whose later calls (<c>AddPrincipals</c>, ...) were read.</summary>
    public ISymbol? Holder { get; }

    /// <summary>The props assign <c>Conditions</c>.</summary>
    public bool ConditionsWritten { get; }
}

/// <summary>
/// Reads AWS CDK v2 <c>Amazon.CDK.AWS.IAM.PolicyStatement</c>s into the policy model (<see cref="PolicyStatement"/>):
/// <list type="bullet">
/// <item><c>new PolicyStatement(new PolicyStatementProps { Effect, Actions, NotActions, Principals, NotPrincipals, Conditions })</c>
/// (props inline or in a local; no props = an Allow with no actions or principals yet);</item>
/// <item>then the calls on the local or field that holds it, in the same body: <c>AddActions</c>, <c>AddNotActions</c>,
/// <c>AddPrincipals</c>, <c>AddNotPrincipals</c>, <c>AddAccountRootPrincipal</c>, <c>AddAwsAccountPrincipal</c>,
/// <c>AddArnPrincipal</c>, <c>AddServicePrincipal</c> (Service, its name in <see cref="TrustPrincipal.Name"/>),
/// <c>AddAnyPrincipal</c>, <c>AddFederatedPrincipal</c> (Federated), <c>AddCanonicalUserPrincipal</c> (unknown),
/// <c>AddCondition</c>, <c>AddConditions</c>, <c>AddAccountCondition</c> (sts:ExternalId), <c>AddSourceAccountCondition</c>,
/// <c>AddSourceArnCondition</c>;</item>
/// <item><c>PolicyStatement.FromJson(object)</c> (through <see cref="ObjectPolicyReader"/>), and <c>PolicyDocument</c>s
/// (<c>new PolicyDocument(new PolicyDocumentProps { Statements = ... })</c> and later <c>AddStatements</c>).</item>
/// </list>
/// What cannot be read is unknown in the model: an effect from a variable is <see cref="PolicyEffect.Unknown"/>, actions
/// from a variable are <see cref="PolicyActions.Unknown"/>, conditions from a variable are <see cref="TrustConditions.Unknown"/>,
/// props that escape the body make the whole statement unknown. Judges treat unknown as "say nothing".
/// </summary>
/// <remarks>
/// How another rule calls it: from an operation that yields a statement (an argument of <c>AddToResourcePolicy</c>,
/// <c>AddStatements</c>, an element of <c>Statements</c>), <c>CdkPolicyStatementReader.ReadValue(value, types, evaluator, ct)</c>
/// gives the <see cref="CdkStatement"/>s (empty when the value is not a readable statement); from a creation,
/// <c>Read(creation, ...)</c>; for a document, <c>ReadDocument(value, ...)</c>. Then judge <c>CdkStatement.Statement</c>:
/// <c>Effect</c>, <c>Actions.Covers("sns:Publish")</c>, <c>Principals</c> (Kind, Account, Name, Conditions) and
/// <c>Conditions.Has(key)</c> / <c>Conditions.IsUnknown</c>. <see cref="PolicyStatementReaders.Read"/> does the same
/// for any shape (CDK, object-built, JSON string).
/// </remarks>
internal static class CdkPolicyStatementReader
{
    private static readonly ImmutableArray<string> PropsProperties = ImmutableArray.Create("Effect", "Actions", "NotActions", "Principals", "NotPrincipals", "Conditions");

    /// <summary>Whether the compilation references the CDK statement types.</summary>
    public static bool IsApplicable(AwsTypes types) => types.CdkPolicyStatement is not null;

    /// <summary>
    /// The statements <paramref name="value"/> yields: a <c>new PolicyStatement(...)</c>, a local holding one (its
    /// single creation), <c>PolicyStatement.FromJson(object)</c>, or an array of those. Empty for anything else.
    /// </summary>
    public static ImmutableArray<CdkStatement> ReadValue(IOperation value, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var result = ImmutableArray.CreateBuilder<CdkStatement>();
        Collect(value, types, evaluator, result, 0, cancellationToken);
        return result.ToImmutable();
    }

    private static void Collect(IOperation value, AwsTypes types, HardCodedValueEvaluator evaluator, ImmutableArray<CdkStatement>.Builder result, int depth, CancellationToken cancellationToken)
    {
        var op = ObjectCreations.StripConversions(value);
        if (depth > 8)
        {
            return;
        }

        switch (op)
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                foreach (var element in initializer.ElementValues)
                {
                    Collect(element, types, evaluator, result, depth + 1, cancellationToken);
                }

                return;
            case ILocalReferenceOperation local when ObjectCreations.FindSingleValueAssignedTo(local, cancellationToken) is { } assigned:
                Collect(assigned, types, evaluator, result, depth + 1, cancellationToken);
                return;
            case IFieldReferenceOperation field when SingleCreationInBody(field) is { } assigned:
                Collect(assigned, types, evaluator, result, depth + 1, cancellationToken);
                return;
            case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, types.CdkPolicyStatement):
                result.Add(Read(creation, types, evaluator, cancellationToken));
                return;
            case IInvocationOperation { TargetMethod: { Name: "FromJson", IsStatic: true } method, Arguments.Length: 1 } fromJson
                when SymbolEqualityComparer.Default.Equals(method.ContainingType, types.CdkPolicyStatement)
                     && ObjectPolicyReader.ReadStatement(ObjectPolicyNode.Build(fromJson.Arguments[0].Value, evaluator, cancellationToken)) is { } statement:
                result.Add(new CdkStatement(statement, null, null, null, conditionsWritten: true));
                return;
        }
    }

    /// <summary>
    /// The statements of a CDK <c>PolicyDocument</c> (<c>new PolicyDocument(new PolicyDocumentProps { Statements = ... })</c>,
    /// inline or in a local, with the <c>AddStatements</c> calls on that local); default when <paramref name="value"/> is not one.
    /// </summary>
    public static ImmutableArray<CdkStatement> ReadDocument(IOperation value, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var op = ObjectCreations.StripConversions(value);
        if (op is ILocalReferenceOperation local)
        {
            op = ObjectCreations.FindSingleCreationAssignedTo(local, cancellationToken) ?? op;
        }

        if (op is not IObjectCreationOperation document || !SymbolEqualityComparer.Default.Equals(document.Type, types.CdkPolicyDocument))
        {
            return default;
        }

        var result = ImmutableArray.CreateBuilder<CdkStatement>();
        if (document.Arguments.FirstOrDefault(a => a.Parameter?.Name == "props") is { } propsArgument
            && ObjectCreations.StripConversions(propsArgument.Value) is IObjectCreationOperation { Initializer: { } initializer })
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Statements" } } statements)
                {
                    Collect(statements.Value, types, evaluator, result, 0, cancellationToken);
                }
            }
        }

        if (HolderOf(document) is { } holder)
        {
            foreach (var call in LaterCalls(document, holder, types.CdkPolicyDocument))
            {
                if (call.TargetMethod.Name == "AddStatements")
                {
                    foreach (var argument in call.Arguments)
                    {
                        Collect(argument.Value, types, evaluator, result, 0, cancellationToken);
                    }
                }
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Reads one <c>new PolicyStatement(...)</c> and the later calls on the local or field that holds it.</summary>
    public static CdkStatement Read(IObjectCreationOperation creation, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var effect = PolicyEffect.Allow;
        var actions = PolicyActions.None;
        var conditions = TrustConditions.None;
        var principals = ImmutableArray.CreateBuilder<TrustPrincipal>();
        var conditionsWritten = false;

        var props = ReadProps(creation, types, out var propsUnknown, out var usage, cancellationToken);
        if (propsUnknown)
        {
            return new CdkStatement(new PolicyStatement(PolicyEffect.Unknown, PolicyActions.Unknown, ImmutableArray<TrustPrincipal>.Empty, TrustConditions.Unknown, creation.Syntax), creation, props, null, conditionsWritten: true);
        }

        if (usage is not null)
        {
            var effects = usage.WritesTo("Effect").ToList();
            if (effects.Count > 1 || effects.Any(w => w.Value is null))
            {
                effect = PolicyEffect.Unknown;
            }
            else if (effects.Count == 1)
            {
                effect = ReadEffect(effects[0].Value!, types);
            }

            actions = actions.Add(ReadActions(usage.WritesTo("Actions").ToList(), negated: false, evaluator, cancellationToken))
                .Add(ReadActions(usage.WritesTo("NotActions").ToList(), negated: true, evaluator, cancellationToken));

            foreach (var write in usage.WritesTo("Principals"))
            {
                ReadPrincipals(write.Value, write.Syntax, types, evaluator, principals, cancellationToken);
            }

            foreach (var write in usage.WritesTo("NotPrincipals"))
            {
                principals.Add(new TrustPrincipal(TrustPrincipalKind.Any, null, write.Value?.Syntax ?? write.Syntax, TrustConditions.None, name: "NotPrincipal"));
            }

            foreach (var write in usage.WritesTo("Conditions"))
            {
                conditionsWritten = true;
                conditions = conditions.Merge(write.Value is null ? TrustConditions.Unknown : CdkTrustReader.ReadConditions(write.Value, evaluator, cancellationToken));
            }
        }

        var holder = HolderOf(creation);
        if (holder is not null)
        {
            foreach (var call in LaterCalls(creation, holder, types.CdkPolicyStatement))
            {
                IOperation? Argument(int index) => call.Arguments.Length > index ? call.Arguments[index].Value : null;
                var syntax = call.Syntax;
                switch (call.TargetMethod.Name)
                {
                    case "AddActions":
                        actions = actions.Add(ParamsStrings(call, negated: false, evaluator, cancellationToken));
                        break;
                    case "AddNotActions":
                        actions = actions.Add(ParamsStrings(call, negated: true, evaluator, cancellationToken));
                        break;
                    case "AddPrincipals":
                        foreach (var argument in call.Arguments)
                        {
                            ReadPrincipals(argument.Value, argument.Syntax, types, evaluator, principals, cancellationToken);
                        }

                        break;
                    case "AddNotPrincipals":
                        principals.Add(new TrustPrincipal(TrustPrincipalKind.Any, null, syntax, TrustConditions.None, name: "NotPrincipal"));
                        break;
                    case "AddAccountRootPrincipal":
                        principals.Add(new TrustPrincipal(TrustPrincipalKind.OwnAccount, null, syntax, TrustConditions.None));
                        break;
                    case "AddAwsAccountPrincipal":
                        CdkTrustReader.ReadAccount(Argument(0), syntax, types, evaluator, principals, TrustConditions.None, cancellationToken);
                        break;
                    case "AddArnPrincipal":
                        CdkTrustReader.ReadArn(Argument(0), syntax, types, evaluator, principals, TrustConditions.None, cancellationToken);
                        break;
                    case "AddServicePrincipal":
                        // IServicePrincipalOpts may carry conditions: read as unknown unless absent or null.
                        var opts = Argument(1) is { } o && !(ObjectCreations.Unwrap(o).ConstantValue is { HasValue: true, Value: null }) && !o.IsImplicit;
                        principals.Add(new TrustPrincipal(TrustPrincipalKind.Service, null, syntax, opts ? TrustConditions.Unknown : TrustConditions.None, name: CdkTrustReader.KnownText(Argument(0), evaluator, cancellationToken)));
                        break;
                    case "AddAnyPrincipal":
                        principals.Add(new TrustPrincipal(TrustPrincipalKind.Any, null, syntax, TrustConditions.None));
                        break;
                    case "AddFederatedPrincipal":
                        principals.Add(new TrustPrincipal(TrustPrincipalKind.Federated, null, syntax, TrustConditions.None));
                        break;
                    case "AddCanonicalUserPrincipal":
                        principals.Add(new TrustPrincipal(TrustPrincipalKind.Unknown, null, syntax, TrustConditions.None));
                        break;
                    case "AddCondition" when call.Arguments.Length == 2:
                        conditions = CdkTrustReader.KnownText(Argument(0), evaluator, cancellationToken) is { } @operator
                            ? conditions.Merge(CdkTrustReader.ReadOperatorValue(@operator, Argument(1)!, evaluator, cancellationToken))
                            : conditions.Merge(TrustConditions.Unknown);
                        break;
                    case "AddConditions" when call.Arguments.Length == 1:
                        conditions = conditions.Merge(CdkTrustReader.ReadConditions(Argument(0)!, evaluator, cancellationToken));
                        break;
                    case "AddAccountCondition":
                        conditions = conditions.Merge(Single("StringEquals", "sts:ExternalId", Argument(0), evaluator, cancellationToken));
                        break;
                    case "AddSourceAccountCondition":
                        conditions = conditions.Merge(Single("StringEquals", "aws:SourceAccount", Argument(0), evaluator, cancellationToken));
                        break;
                    case "AddSourceArnCondition":
                        conditions = conditions.Merge(Single("ArnEquals", "aws:SourceArn", Argument(0), evaluator, cancellationToken));
                        break;
                }
            }

            // stmt.Effect = Effect.DENY after the creation.
            foreach (var write in LaterEffectWrites(creation, holder))
            {
                effect = effect == PolicyEffect.Allow && ReadEffect(write, types) == PolicyEffect.Allow ? PolicyEffect.Allow : PolicyEffect.Unknown;
            }
        }

        var statement = new PolicyStatement(effect, actions, principals.ToImmutable(), conditions, creation.Syntax);
        return new CdkStatement(statement, creation, props, holder, conditionsWritten);
    }

    private static IObjectCreationOperation? ReadProps(IObjectCreationOperation creation, AwsTypes types, out bool unknown, out CreatedObjectUsage? usage, CancellationToken cancellationToken)
    {
        unknown = false;
        usage = null;
        var argument = creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "props");
        if (argument is null || argument.IsImplicit || ObjectCreations.Unwrap(argument.Value).ConstantValue is { HasValue: true, Value: null })
        {
            return null;
        }

        var value = ObjectCreations.StripConversions(argument.Value);
        var aliases = ImmutableArray<ILocalSymbol>.Empty;
        var props = value as IObjectCreationOperation;
        if (props is null && value is ILocalReferenceOperation local)
        {
            props = ObjectCreations.FindSingleCreationAssignedTo(local, cancellationToken);
            aliases = ImmutableArray.Create(local.Local);
        }

        if (props is null || !SymbolEqualityComparer.Default.Equals(props.Type, types.CdkPolicyStatementProps))
        {
            unknown = true;
            return null;
        }

        usage = CreatedObjectTracker.Analyze(props, PropsProperties, aliases, cancellationToken);
        if (usage.Escapes || usage.ReturnedFrom is not null)
        {
            unknown = true;
        }

        return props;
    }

    private static PolicyEffect ReadEffect(IOperation value, AwsTypes types)
        => ObjectCreations.StripConversions(value) is IFieldReferenceOperation { Field: var field } && SymbolEqualityComparer.Default.Equals(field.ContainingType, types.CdkEffect)
            ? field.Name switch
            {
                "ALLOW" => PolicyEffect.Allow,
                "DENY" => PolicyEffect.Deny,
                _ => PolicyEffect.Unknown,
            }
            : PolicyEffect.Unknown;

    private static PolicyActions ReadActions(List<PropertyWrite> writes, bool negated, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        if (writes.Count == 0)
        {
            return PolicyActions.None;
        }

        if (writes.Count > 1 || writes[0].Value is null)
        {
            return PolicyActions.Unknown;
        }

        return Strings(CdkTrustReader.ArrayElements(writes[0].Value!), negated, evaluator, cancellationToken);
    }

    /// <summary>A <c>params string[]</c> call's strings (<c>AddActions("a", "b")</c>, or an array passed whole).</summary>
    private static PolicyActions ParamsStrings(IInvocationOperation call, bool negated, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
        => call.Arguments.Length == 1 ? Strings(CdkTrustReader.ArrayElements(call.Arguments[0].Value), negated, evaluator, cancellationToken) : PolicyActions.Unknown;

    private static PolicyActions Strings(ImmutableArray<IOperation> elements, bool negated, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        if (elements.IsDefault)
        {
            return PolicyActions.Unknown;
        }

        var patterns = ImmutableArray.CreateBuilder<string>();
        foreach (var element in elements)
        {
            var values = evaluator.Evaluate(element, cancellationToken);
            if (!values.IsKnown || values.Values.Any(v => v is null))
            {
                return PolicyActions.Unknown;
            }

            patterns.AddRange(values.Values!);
        }

        return new PolicyActions(patterns.ToImmutable(), negated);
    }

    private static void ReadPrincipals(IOperation? value, SyntaxNode syntax, AwsTypes types, HardCodedValueEvaluator evaluator, ImmutableArray<TrustPrincipal>.Builder result, CancellationToken cancellationToken)
    {
        var elements = value is null ? default : CdkTrustReader.ArrayElements(value);
        if (elements.IsDefault)
        {
            result.Add(new TrustPrincipal(TrustPrincipalKind.Unknown, null, value?.Syntax ?? syntax, TrustConditions.None));
            return;
        }

        foreach (var element in elements)
        {
            CdkTrustReader.ReadPrincipal(element, types, evaluator, result, TrustConditions.None, 0, cancellationToken);
        }
    }

    private static TrustConditions Single(string @operator, string key, IOperation? value, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var values = evaluator.Evaluate(value, cancellationToken);
        return new TrustConditions(ImmutableArray.Create(new TrustCondition(@operator, key, values.IsKnown ? values.Values : default, value?.Syntax)), isUnknown: false);
    }

    /// <summary>
    /// The one object creation assigned to <paramref name="field"/> in the body that reads it (<c>_s = new PolicyStatement();
    /// ... AddStatements(_s)</c>), or null: a field set elsewhere is not followed.
    /// </summary>
    private static IObjectCreationOperation? SingleCreationInBody(IFieldReferenceOperation field)
    {
        IObjectCreationOperation? found = null;
        foreach (var op in HardCodedValueEvaluator.GetRoot(field).Descendants())
        {
            if (op is ISimpleAssignmentOperation { Target: IFieldReferenceOperation target } assignment && SymbolEqualityComparer.Default.Equals(target.Field, field.Field))
            {
                if (found is not null || ObjectCreations.StripConversions(assignment.Value) is not IObjectCreationOperation creation)
                {
                    return null;
                }

                found = creation;
            }
        }

        return found;
    }

    /// <summary>The local or field <paramref name="creation"/> is stored in (<c>var s = new ...</c>, <c>s = new ...</c>, <c>_s = new ...</c>), or null.</summary>
    public static ISymbol? HolderOf(IOperation creation)
    {
        var current = creation;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        return current.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            IVariableInitializerOperation { Parent: IVariableDeclarationOperation { Declarators.Length: 1 } declaration } => declaration.Declarators[0].Symbol,
            IFieldInitializerOperation { InitializedFields.Length: 1 } field => field.InitializedFields[0],
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == current => local.Local,
            ISimpleAssignmentOperation { Target: IFieldReferenceOperation field } assignment when assignment.Value == current => field.Field,
            _ => null,
        };
    }

    /// <summary>The calls to methods of <paramref name="type"/> on <paramref name="holder"/> in the body that creates the object (<c>s.M()</c>, <c>s?.M()</c>).</summary>
    private static IEnumerable<IInvocationOperation> LaterCalls(IOperation creation, ISymbol holder, INamedTypeSymbol? type)
    {
        foreach (var op in HardCodedValueEvaluator.GetRoot(creation).Descendants())
        {
            if (op is IInvocationOperation { Instance: { } instance } invocation
                && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, type)
                && Refers(Receiver(instance), holder))
            {
                yield return invocation;
            }
        }
    }

    private static IEnumerable<IOperation> LaterEffectWrites(IOperation creation, ISymbol holder)
    {
        foreach (var op in HardCodedValueEvaluator.GetRoot(creation).Descendants())
        {
            if (op is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Effect", Instance: { } instance } } assignment && Refers(Receiver(instance), holder))
            {
                yield return assignment.Value;
            }
        }
    }

    /// <summary>The receiver of a call: for <c>x?.M()</c>, the conditional access's operand <c>x</c>.</summary>
    public static IOperation Receiver(IOperation instance)
    {
        if (instance is IConditionalAccessInstanceOperation)
        {
            for (var parent = instance.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation access)
                {
                    return access.Operation;
                }
            }
        }

        return instance;
    }

    private static bool Refers(IOperation operation, ISymbol holder)
        => ObjectCreations.StripConversions(operation) switch
        {
            ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, holder),
            IFieldReferenceOperation field => SymbolEqualityComparer.Default.Equals(field.Field, holder),
            _ => false,
        };
}
