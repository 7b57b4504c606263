using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Policies;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.TrustPolicies;

/// <summary>How the CXA3004 fix adds an aws:SourceAccount condition to a statement (carried in the diagnostic's properties).</summary>
internal enum ResourceFixKind
{
    /// <summary>No fix.</summary>
    None,

    /// <summary><c>SourceAccount = ...</c> in a CDK <c>Permission</c> or <c>CfnPermissionProps</c> initializer (the target).</summary>
    SourceAccountProperty,

    /// <summary><c>statement.AddCondition("StringEquals", ...)</c> after the declaration (the target) of the local holding a <c>PolicyStatement</c>.</summary>
    AddConditionCall,

    /// <summary><c>Conditions = ...</c> in a <c>PolicyStatementProps</c> initializer (the target) that sets none.</summary>
    ConditionsProperty,

    /// <summary>The condition inserted into a JSON policy (the target is the policy expression).</summary>
    JsonCondition,
}

/// <summary>One resource-policy statement read from CDK code, with where a fix would write.</summary>
internal sealed class CdkResourceStatement
{
    public CdkResourceStatement(TrustStatement statement, ResourceFixKind fixKind, SyntaxNode? fixTarget)
    {
        Statement = statement;
        FixKind = fixKind;
        FixTarget = fixTarget;
    }

    public TrustStatement Statement { get; }

    public ResourceFixKind FixKind { get; }

    public SyntaxNode? FixTarget { get; }
}

/// <summary>
/// Reads the AWS CDK v2 shapes of resource-based policies into the policy model: Lambda <c>Permission</c>
/// (<c>function.AddPermission</c>), <c>CfnPermission</c>, <c>function.GrantInvoke(principal)</c>, and every
/// <c>PolicyStatement</c> with principals (given to <c>AddToResourcePolicy</c>, to a <c>TopicPolicy</c>,
/// <c>QueuePolicy</c> or <c>BucketPolicy</c> document, or to an L1 <c>Cfn*Policy</c>'s <c>PolicyDocument</c>),
/// from its props or filled in code (<c>AddPrincipals</c>, <c>AddServicePrincipal</c>, <c>AddActions</c>,
/// <c>AddCondition(s)</c>, <c>AddSourceAccountCondition</c>, <c>AddSourceArnCondition</c>). A statement whose
/// actions include sts:AssumeRole is a trust statement and is not read here; one whose actions, effect or
/// principals are not known is not read either.
/// </summary>
internal static class CdkResourcePolicyReader
{
    private static readonly ImmutableArray<string> PermissionProperties = ImmutableArray.Create("Principal", "SourceArn", "SourceAccount", "OrganizationId", "PrincipalOrgId");
    private static readonly ImmutableArray<string> StatementProperties = ImmutableArray.Create("Effect", "Principals", "NotPrincipals", "Actions", "NotActions", "Conditions");

    /// <summary>A Lambda <c>Permission</c> (L2) or <c>CfnPermissionProps</c> (L1) creation.</summary>
    public static CdkResourceStatement? ReadPermission(IObjectCreationOperation permission, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var usage = CreatedObjectTracker.Analyze(permission, PermissionProperties, cancellationToken);
        if (usage.Escapes || usage.ReturnedFrom is not null)
        {
            return null;
        }

        var principalWrites = usage.WritesTo("Principal").ToList();
        if (principalWrites.Count != 1 || principalWrites[0].Value is not { } principalValue)
        {
            return null;
        }

        var principals = ImmutableArray.CreateBuilder<TrustPrincipal>();
        if (principalValue.Type?.SpecialType == SpecialType.System_String)
        {
            // CfnPermissionProps.Principal: "s3.amazonaws.com", "*", an account ID.
            var values = evaluator.Evaluate(principalValue, cancellationToken);
            if (!values.IsKnown)
            {
                return null;
            }

            foreach (var value in values.Values)
            {
                principals.Add(StringPrincipal(value, principalValue.Syntax));
            }
        }
        else
        {
            CdkTrustReader.ReadPrincipal(principalValue, types, evaluator, principals, TrustConditions.None, 0, cancellationToken);
        }

        // The keys Lambda writes into the statement: SourceArn (ArnLike aws:SourceArn), SourceAccount
        // (StringEquals aws:SourceAccount), the organization (StringEquals aws:PrincipalOrgID).
        var conditions = ImmutableArray.CreateBuilder<TrustCondition>();
        AddWritten(usage, "SourceArn", "ArnLike", "aws:SourceArn", conditions, evaluator, cancellationToken);
        AddWritten(usage, "SourceAccount", "StringEquals", "aws:SourceAccount", conditions, evaluator, cancellationToken);
        AddWritten(usage, "OrganizationId", "StringEquals", "aws:PrincipalOrgID", conditions, evaluator, cancellationToken);
        AddWritten(usage, "PrincipalOrgId", "StringEquals", "aws:PrincipalOrgID", conditions, evaluator, cancellationToken);

        var fix = usage.WritesTo("SourceAccount").Any() ? ResourceFixKind.None : ResourceFixKind.SourceAccountProperty;
        var statement = new TrustStatement(Named(principals.ToImmutable(), evaluator, cancellationToken), new TrustConditions(conditions.ToImmutable(), isUnknown: false), externalIdsSet: false);
        return new CdkResourceStatement(statement, fix, permission.Syntax);
    }

    /// <summary><c>function.GrantInvoke(principal)</c>: the principal, with whatever conditions <c>WithConditions</c> gave it.</summary>
    public static CdkResourceStatement? ReadGrantInvoke(IInvocationOperation invocation, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        if (invocation.TargetMethod.ContainingType?.ContainingNamespace?.ToDisplayString() != "Amazon.CDK.AWS.Lambda"
            || invocation.Arguments.Length == 0 || invocation.Arguments[0] is not { } grantee)
        {
            return null;
        }

        var principals = ImmutableArray.CreateBuilder<TrustPrincipal>();
        CdkTrustReader.ReadPrincipal(grantee.Value, types, evaluator, principals, TrustConditions.None, 0, cancellationToken);
        return new CdkResourceStatement(new TrustStatement(Named(principals.ToImmutable(), evaluator, cancellationToken), TrustConditions.None, externalIdsSet: false), ResourceFixKind.None, null);
    }

    /// <summary>A <c>new PolicyStatement(...)</c> with principals and no sts:AssumeRole: a resource-policy statement.</summary>
    public static CdkResourceStatement? ReadStatement(IObjectCreationOperation creation, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var reading = new StatementReading();
        IObjectCreationOperation? props = null;
        if (creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "props") is { } propsArgument && !propsArgument.IsImplicit)
        {
            var value = ObjectCreations.Unwrap(propsArgument.Value);
            props = value as IObjectCreationOperation;
            if (props is null && value is ILocalReferenceOperation local)
            {
                props = ObjectCreations.FindSingleCreationAssignedTo(local, cancellationToken);
            }

            if (props is null || !SymbolEqualityComparer.Default.Equals(props.Type, types.CdkPolicyStatementProps))
            {
                return value.ConstantValue is { HasValue: true, Value: null } ? ReadLater(creation, reading, null, types, evaluator, cancellationToken) : null;
            }

            var usage = CreatedObjectTracker.Analyze(props, StatementProperties, cancellationToken);
            if (usage.Escapes || usage.ReturnedFrom is not null)
            {
                return null;
            }

            foreach (var write in usage.Writes)
            {
                if (write.Value is null || !reading.Write(write.PropertyName, write.Value, types, evaluator, cancellationToken))
                {
                    return null;
                }
            }
        }

        return ReadLater(creation, reading, props, types, evaluator, cancellationToken);
    }

    private static CdkResourceStatement? ReadLater(IObjectCreationOperation creation, StatementReading reading, IObjectCreationOperation? props, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        // Filled in code: only when the statement is held in a local of this body (else what is added is unknown).
        ILocalSymbol? local = null;
        var parent = creation.Parent is IConversionOperation { IsImplicit: true } conversion ? conversion.Parent : creation.Parent;
        if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            local = declarator.Symbol;
            if (!ReadCalls(creation, local, reading, types, evaluator, cancellationToken))
            {
                return null;
            }
        }

        if (!reading.IsResourceStatement)
        {
            return null;
        }

        var statement = new TrustStatement(Named(reading.Principals.ToImmutable(), evaluator, cancellationToken), reading.Conditions, externalIdsSet: false);
        if (local is not null && creation.Syntax.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is { } declaration)
        {
            return new CdkResourceStatement(statement, ResourceFixKind.AddConditionCall, declaration);
        }

        return props is not null && !reading.ConditionsWritten
            ? new CdkResourceStatement(statement, ResourceFixKind.ConditionsProperty, props.Syntax)
            : new CdkResourceStatement(statement, ResourceFixKind.None, null);
    }

    /// <summary>The calls on the local that holds the statement; false when the statement is used in a way that may change it unseen.</summary>
    private static bool ReadCalls(IObjectCreationOperation creation, ILocalSymbol local, StatementReading reading, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        foreach (var op in HardCodedValueEvaluator.GetRoot(creation).Descendants())
        {
            if (op is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            var user = reference.Parent is IConversionOperation { IsImplicit: true } conversion ? conversion.Parent : reference.Parent;
            switch (user)
            {
                case IInvocationOperation invocation when invocation.Instance == reference:
                    if (!reading.Call(invocation, types, evaluator, cancellationToken))
                    {
                        return false;
                    }

                    break;
                case IPropertyReferenceOperation { Parent: ISimpleAssignmentOperation assignment } property when assignment.Target == property:
                    if (!reading.Write(property.Property.Name, assignment.Value, types, evaluator, cancellationToken))
                    {
                        return false;
                    }

                    break;
                case IPropertyReferenceOperation:
                    // Read: Sid, Actions, ToJSON, ...
                    break;
                case IArgumentOperation { Parent: IInvocationOperation call } when call.TargetMethod.DeclaringSyntaxReferences.IsEmpty:
                    // Handed to the CDK (AddToResourcePolicy, AddStatements): it reads the statement.
                    break;
                case IArrayInitializerOperation:
                case IVariableDeclaratorOperation:
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } when target == reference:
                    // Reassigned: not one statement any more.
                    return false;
                default:
                    return false;
            }
        }

        return true;
    }

    private static void AddWritten(CreatedObjectUsage usage, string property, string @operator, string key, ImmutableArray<TrustCondition>.Builder conditions, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        foreach (var write in usage.WritesTo(property))
        {
            var values = write.Value is null ? ValueSet.Unknown : evaluator.Evaluate(write.Value, cancellationToken);
            if (values.IsKnown && values.IsNullOrEmptyOnly)
            {
                // SourceAccount = null writes no condition.
                continue;
            }

            conditions.Add(new TrustCondition(@operator, key, values.IsKnown ? values.Values : default, write.Syntax));
        }
    }

    /// <summary>A principal written as a string (CfnPermission): a service, <c>*</c>, or something else.</summary>
    private static TrustPrincipal StringPrincipal(string? value, SyntaxNode syntax)
    {
        var text = value?.Trim();
        if (text is null)
        {
            return new TrustPrincipal(TrustPrincipalKind.Unknown, null, syntax, TrustConditions.None);
        }

        if (text.EndsWith(".amazonaws.com", System.StringComparison.OrdinalIgnoreCase) || text.EndsWith(".amazonaws.com.cn", System.StringComparison.OrdinalIgnoreCase))
        {
            return new TrustPrincipal(TrustPrincipalKind.Service, null, syntax, TrustConditions.None, name: text);
        }

        var kind = TrustJudge.ClassifyArn(text, out var account) ?? TrustPrincipalKind.Unknown;
        return new TrustPrincipal(kind, account, syntax, TrustConditions.None, name: text);
    }

    /// <summary>Service principals with their service's name (the constant given to <c>new ServicePrincipal(...)</c>), for the table and the message.</summary>
    private static ImmutableArray<TrustPrincipal> Named(ImmutableArray<TrustPrincipal> principals, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var builder = ImmutableArray.CreateBuilder<TrustPrincipal>(principals.Length);
        foreach (var principal in principals)
        {
            if (principal.Kind == TrustPrincipalKind.Service && principal.Name is null)
            {
                var model = evaluator.SemanticModelFor(principal.Syntax);
                var name = model?.GetOperation(principal.Syntax, cancellationToken) switch
                {
                    IObjectCreationOperation { Arguments.Length: > 0 } created => Single(evaluator.Evaluate(created.Arguments[0].Value, cancellationToken)),
                    IInvocationOperation { Arguments.Length: > 0 } call => Single(evaluator.Evaluate(call.Arguments[0].Value, cancellationToken)),
                    _ => null,
                };
                builder.Add(new TrustPrincipal(principal.Kind, principal.Account, principal.Syntax, principal.Conditions, principal.Span, name));
            }
            else
            {
                builder.Add(principal);
            }
        }

        return builder.MoveToImmutable();
    }

    private static string? Single(ValueSet values) => values is { IsKnown: true, Values.Length: 1 } ? values.Values[0] : null;

    /// <summary>What is known of one statement as its props and calls are read.</summary>
    private sealed class StatementReading
    {
        public ImmutableArray<TrustPrincipal>.Builder Principals { get; } = ImmutableArray.CreateBuilder<TrustPrincipal>();

        public TrustConditions Conditions { get; private set; } = TrustConditions.None;

        public bool ConditionsWritten { get; private set; }

        private readonly List<string?> _actions = new();
        private bool _deny;

        /// <summary>Allowed, with principals, and with known actions of which none is sts:AssumeRole.</summary>
        public bool IsResourceStatement
            => !_deny && Principals.Count > 0 && _actions.Count > 0
               && _actions.All(a => a is not null && !JsonTrustPolicyReader.Matches(a, "sts:AssumeRole"));

        public bool Write(string property, IOperation value, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
        {
            switch (property)
            {
                case "Effect":
                    return Effect(value);
                case "Principals":
                    return Elements(value, e => CdkTrustReader.ReadPrincipal(e, types, evaluator, Principals, TrustConditions.None, 0, cancellationToken));
                case "Actions":
                    return Elements(value, e => AddActions(e, evaluator, cancellationToken));
                case "Conditions":
                    ConditionsWritten = true;
                    Conditions = Conditions.Merge(CdkTrustReader.ReadConditions(value, evaluator, cancellationToken));
                    return true;
                default:
                    // NotPrincipals, NotActions: not read.
                    return false;
            }
        }

        public bool Call(IInvocationOperation invocation, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
        {
            var arguments = invocation.Arguments;
            IOperation? Argument(int index) => arguments.Length > index ? arguments[index].Value : null;
            switch (invocation.TargetMethod.Name)
            {
                case "AddPrincipals" when Argument(0) is { } principals:
                    return Elements(principals, e => CdkTrustReader.ReadPrincipal(e, types, evaluator, Principals, TrustConditions.None, 0, cancellationToken));
                case "AddServicePrincipal" when Argument(0) is { } service:
                    Principals.Add(new TrustPrincipal(TrustPrincipalKind.Service, null, invocation.Syntax, TrustConditions.None, name: Single(evaluator.Evaluate(service, cancellationToken))));
                    return true;
                case "AddAnyPrincipal":
                    Principals.Add(new TrustPrincipal(TrustPrincipalKind.Any, null, invocation.Syntax, TrustConditions.None));
                    return true;
                case "AddArnPrincipal" when Argument(0) is { } arn:
                {
                    var value = Single(evaluator.Evaluate(arn, cancellationToken));
                    var kind = value is null ? TrustPrincipalKind.Unknown : TrustJudge.ClassifyArn(value, out _) ?? TrustPrincipalKind.Unknown;
                    Principals.Add(new TrustPrincipal(kind, null, invocation.Syntax, TrustConditions.None));
                    return true;
                }

                case "AddAwsAccountPrincipal":
                case "AddAccountRootPrincipal":
                case "AddFederatedPrincipal":
                case "AddCanonicalUserPrincipal":
                    Principals.Add(new TrustPrincipal(TrustPrincipalKind.Unknown, null, invocation.Syntax, TrustConditions.None));
                    return true;
                case "AddActions" when Argument(0) is { } actions:
                    return Elements(actions, e => AddActions(e, evaluator, cancellationToken));
                case "AddCondition" when Argument(0) is { } op && Argument(1) is { } conditionValue:
                {
                    var name = Single(evaluator.Evaluate(op, cancellationToken));
                    Conditions = Conditions.Merge(name is null
                        ? TrustConditions.Unknown
                        : CdkTrustReader.ReadOperatorValue(name, conditionValue, evaluator, cancellationToken));
                    return true;
                }

                case "AddConditions" when Argument(0) is { } dictionary:
                    Conditions = Conditions.Merge(CdkTrustReader.ReadConditions(dictionary, evaluator, cancellationToken));
                    return true;
                case "AddSourceAccountCondition" when Argument(0) is { } account:
                    Conditions = Conditions.Merge(Condition("StringEquals", "aws:SourceAccount", account, evaluator, cancellationToken));
                    return true;
                case "AddSourceArnCondition" when Argument(0) is { } arn:
                    Conditions = Conditions.Merge(Condition("ArnEquals", "aws:SourceArn", arn, evaluator, cancellationToken));
                    return true;
                case "AddAccountCondition" when Argument(0) is { } account:
                    Conditions = Conditions.Merge(Condition("StringEquals", "sts:ExternalId", account, evaluator, cancellationToken));
                    return true;
                case "AddResources":
                case "AddAllResources":
                case "AddNotResources":
                case "ToJSON":
                case "ToStatementJson":
                case "ToString":
                case "ValidateForResourcePolicy":
                case "ValidateForAnyPolicy":
                case "ValidateForIdentityPolicy":
                case "Freeze":
                case "Copy":
                    return true;
                default:
                    // AddNotPrincipals, AddNotActions, an extension method of the project's own: not read.
                    return false;
            }
        }

        private bool Effect(IOperation value)
        {
            var stripped = ObjectCreations.StripConversions(value);
            if (stripped is IFieldReferenceOperation { Field.ContainingType.Name: "Effect" } field)
            {
                _deny = field.Field.Name == "DENY";
                return field.Field.Name is "DENY" or "ALLOW";
            }

            return false;
        }

        private void AddActions(IOperation element, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
        {
            var values = evaluator.Evaluate(element, cancellationToken);
            if (values.IsKnown)
            {
                _actions.AddRange(values.Values);
            }
            else
            {
                _actions.Add(null);
            }
        }

        /// <summary>Runs <paramref name="add"/> on each element of an array (<c>new[] { ... }</c>, a params array); false when it is not one.</summary>
        private static bool Elements(IOperation value, System.Action<IOperation> add)
        {
            var elements = CdkTrustReader.ArrayElements(value);
            if (elements.IsDefault)
            {
                return false;
            }

            foreach (var element in elements)
            {
                add(element);
            }

            return true;
        }

        private static TrustConditions Condition(string @operator, string key, IOperation value, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
        {
            var values = evaluator.Evaluate(value, cancellationToken);
            return new TrustConditions(ImmutableArray.Create(new TrustCondition(@operator, key, values.IsKnown ? values.Values : default, value.Syntax)), isUnknown: false);
        }
    }
}
