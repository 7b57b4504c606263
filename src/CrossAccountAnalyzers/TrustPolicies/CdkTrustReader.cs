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

/// <summary>A CDK <c>Role</c> read into the trust model, with where its props are written (for the fix).</summary>
internal sealed class CdkRoleTrust
{
    public CdkRoleTrust(PolicyStatement statement, IObjectCreationOperation props)
    {
        Statement = statement;
        Props = props;
    }

    public PolicyStatement Statement { get; }

    /// <summary>The <c>RoleProps</c> creation (inline or in a local of the same body).</summary>
    public IObjectCreationOperation Props { get; }
}

/// <summary>
/// Reads an AWS CDK v2 <c>new Role(scope, id, props)</c> into the trust model: <c>AssumedBy</c> (through
/// <c>CompositePrincipal</c>, <c>PrincipalWithConditions</c>, <c>WithConditions</c> and locals) and <c>ExternalIds</c>.
/// </summary>
internal static class CdkTrustReader
{
    private const int MaxDepth = 12;
    private static readonly ImmutableArray<string> PropsProperties = ImmutableArray.Create("AssumedBy", "ExternalIds");

    public static CdkRoleTrust? Read(IObjectCreationOperation role, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var propsArgument = role.Arguments.FirstOrDefault(a => a.Parameter?.Name == "props");
        return propsArgument is null ? null : ReadProps(role.Syntax, propsArgument.Value, types, evaluator, cancellationToken);
    }

    /// <summary>
    /// A <c>Role</c> whose overload resolution failed on an argument that does not bind (the scope, the id): the props
    /// decide, and are read where every constructor that fits takes them.
    /// </summary>
    public static CdkRoleTrust? Read(UnresolvedCreation role, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        for (var i = 0; i < role.Arguments.Length; i++)
        {
            if (role.Arguments[i] is { } argument && role.ParametersAt(i).All(p => p.Name == "props") && !UnresolvedCreation.IsUnbound(argument))
            {
                return ReadProps(role.Syntax, argument, types, evaluator, cancellationToken);
            }
        }

        return null;
    }

    private static CdkRoleTrust? ReadProps(SyntaxNode role, IOperation propsValue, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var value = ObjectCreations.Unwrap(propsValue);
        var aliases = ImmutableArray<ILocalSymbol>.Empty;
        var props = value as IObjectCreationOperation;
        if (props is null && value is ILocalReferenceOperation local)
        {
            props = ObjectCreations.FindSingleCreationAssignedTo(local, cancellationToken);
            aliases = ImmutableArray.Create(local.Local);
        }

        if (props is null || !SymbolEqualityComparer.Default.Equals(props.Type, types.CdkRoleProps))
        {
            return null;
        }

        var usage = CreatedObjectTracker.Analyze(props, PropsProperties, aliases, cancellationToken);
        if (usage.Escapes || usage.ReturnedFrom is not null)
        {
            return null;
        }

        var principals = ImmutableArray.CreateBuilder<TrustPrincipal>();
        var assumedBy = usage.WritesTo("AssumedBy").ToList();
        if (assumedBy.Count != 1 || assumedBy[0].Value is null)
        {
            return null;
        }

        ReadPrincipal(assumedBy[0].Value!, types, evaluator, principals, TrustConditions.None, 0, cancellationToken);

        var externalIdsSet = false;
        foreach (var write in usage.WritesTo("ExternalIds"))
        {
            externalIdsSet |= write.Value is null || !IsEmptyArray(write.Value, evaluator, cancellationToken);
        }

        return new CdkRoleTrust(new PolicyStatement(PolicyEffect.Allow, PolicyActions.AssumeRole, principals.ToImmutable(), TrustConditions.None, role, externalIdsSet), props);
    }

    /// <summary>The elements of a string array expression (<c>new[] { a, b }</c>), or default when it is not one.</summary>
    public static ImmutableArray<IOperation> ArrayElements(IOperation value)
    {
        value = ObjectCreations.Unwrap(value);
        return value is IArrayCreationOperation { Initializer: { } initializer } ? initializer.ElementValues : default;
    }

    private static bool IsEmptyArray(IOperation value, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var unwrapped = ObjectCreations.Unwrap(value);
        if (unwrapped.ConstantValue is { HasValue: true, Value: null })
        {
            return true;
        }

        if (unwrapped is IArrayCreationOperation array)
        {
            if (array.Initializer is { } initializer)
            {
                return initializer.ElementValues.All(e => evaluator.Evaluate(e, cancellationToken).IsNullOrEmptyOnly);
            }

            return array.DimensionSizes.Length == 1 && array.DimensionSizes[0].ConstantValue is { HasValue: true, Value: 0 };
        }

        // Array.Empty<string>()
        return unwrapped is IInvocationOperation { TargetMethod: { Name: "Empty", ContainingType.SpecialType: SpecialType.System_Array } };
    }

    /// <summary>Adds the principals <paramref name="operation"/> (an <c>IPrincipal</c> expression) stands for to <paramref name="result"/>.</summary>
    public static void ReadPrincipal(IOperation operation, AwsTypes types, HardCodedValueEvaluator evaluator, ImmutableArray<TrustPrincipal>.Builder result, TrustConditions conditions, int depth, CancellationToken cancellationToken)
    {
        var op = ObjectCreations.StripConversions(operation);

        if (depth > MaxDepth)
        {
            result.Add(new TrustPrincipal(TrustPrincipalKind.Unknown, null, op.Syntax, conditions));
            return;
        }

        switch (op)
        {
            case ILocalReferenceOperation local:
                var assigned = ObjectCreations.FindSingleValueAssignedTo(local, cancellationToken);
                if (assigned is null)
                {
                    result.Add(new TrustPrincipal(TrustPrincipalKind.Unknown, null, op.Syntax, conditions));
                    return;
                }

                // Conditions added later: principal.AddCondition(...) / AddConditions(...).
                ReadPrincipal(assigned, types, evaluator, result, conditions.Merge(LaterConditions(local, evaluator, cancellationToken)), depth + 1, cancellationToken);
                return;

            case IObjectCreationOperation creation when creation.Type is INamedTypeSymbol type && IsIam(type):
                ReadCreation(creation, type, types, evaluator, result, conditions, depth, cancellationToken);
                return;

            case IInvocationOperation { TargetMethod.Name: "WithConditions", Instance: { } instance } invocation when invocation.Arguments.Length == 1:
                ReadPrincipal(instance, types, evaluator, result, conditions.Merge(ReadConditions(invocation.Arguments[0].Value, evaluator, cancellationToken)), depth + 1, cancellationToken);
                return;

            case IInvocationOperation { TargetMethod.Name: "WithSessionTags" or "WithSourceIdentity", Instance: { } inner }:
                ReadPrincipal(inner, types, evaluator, result, conditions, depth + 1, cancellationToken);
                return;

            default:
                result.Add(new TrustPrincipal(TrustPrincipalKind.Unknown, null, op.Syntax, conditions));
                return;
        }
    }

    private static bool IsIam(INamedTypeSymbol type)
        => type.ContainingNamespace?.ToDisplayString() == "Amazon.CDK.AWS.IAM";

    private static void ReadCreation(IObjectCreationOperation creation, INamedTypeSymbol type, AwsTypes types, HardCodedValueEvaluator evaluator, ImmutableArray<TrustPrincipal>.Builder result, TrustConditions conditions, int depth, CancellationToken cancellationToken)
    {
        IOperation? Argument(int index) => creation.Arguments.Length > index ? creation.Arguments[index].Value : null;
        var syntax = creation.Syntax;
        switch (type.Name)
        {
            case "AccountRootPrincipal":
                result.Add(new TrustPrincipal(TrustPrincipalKind.OwnAccount, null, syntax, conditions));
                return;
            case "AnyPrincipal":
            case "StarPrincipal":
                result.Add(new TrustPrincipal(TrustPrincipalKind.Any, null, syntax, conditions));
                return;
            case "AccountPrincipal":
                ReadAccount(Argument(0), syntax, types, evaluator, result, conditions, cancellationToken);
                return;
            case "ArnPrincipal":
                ReadArn(Argument(0), syntax, types, evaluator, result, conditions, cancellationToken);
                return;
            case "ServicePrincipal":
                result.Add(new TrustPrincipal(TrustPrincipalKind.Service, null, syntax, conditions, name: KnownText(Argument(0), evaluator, cancellationToken)));
                return;
            case "FederatedPrincipal":
            case "WebIdentityPrincipal":
            case "OpenIdConnectPrincipal":
            case "SamlPrincipal":
            case "SamlConsolePrincipal":
                result.Add(new TrustPrincipal(TrustPrincipalKind.Federated, null, syntax, conditions));
                return;
            case "OrganizationPrincipal":
                result.Add(new TrustPrincipal(TrustPrincipalKind.Organization, null, syntax, conditions));
                return;
            case "CompositePrincipal":
                foreach (var argument in creation.Arguments)
                {
                    if (ObjectCreations.Unwrap(argument.Value) is IArrayCreationOperation { Initializer: { } initializer })
                    {
                        foreach (var element in initializer.ElementValues)
                        {
                            ReadPrincipal(element, types, evaluator, result, conditions, depth + 1, cancellationToken);
                        }
                    }
                    else
                    {
                        result.Add(new TrustPrincipal(TrustPrincipalKind.Unknown, null, argument.Syntax, conditions));
                    }
                }

                return;
            case "PrincipalWithConditions":
            {
                var inner = Argument(0);
                var added = Argument(1) is { } dictionary ? ReadConditions(dictionary, evaluator, cancellationToken) : TrustConditions.Unknown;
                if (inner is null)
                {
                    result.Add(new TrustPrincipal(TrustPrincipalKind.Unknown, null, syntax, conditions));
                    return;
                }

                ReadPrincipal(inner, types, evaluator, result, conditions.Merge(added), depth + 1, cancellationToken);
                return;
            }

            default:
                result.Add(new TrustPrincipal(TrustPrincipalKind.Unknown, null, syntax, conditions));
                return;
        }
    }

    /// <summary>The one value <paramref name="operation"/> is known to have, or null.</summary>
    public static string? KnownText(IOperation? operation, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
        => operation is not null && evaluator.Evaluate(operation, cancellationToken) is { IsKnown: true, Values.Length: 1 } known ? known.Values[0] : null;

    /// <summary><c>new AccountPrincipal(account)</c> / <c>AddAwsAccountPrincipal(account)</c>: the stack's own account, another one, or unknown.</summary>
    public static void ReadAccount(IOperation? account, SyntaxNode syntax, AwsTypes types, HardCodedValueEvaluator evaluator, ImmutableArray<TrustPrincipal>.Builder result, TrustConditions conditions, CancellationToken cancellationToken)
    {
        if (account is null || IsOwnAccount(account, types))
        {
            result.Add(new TrustPrincipal(TrustPrincipalKind.OwnAccount, null, syntax, conditions));
            return;
        }

        var values = evaluator.Evaluate(account, cancellationToken);
        if (!values.IsKnown)
        {
            result.Add(new TrustPrincipal(TrustPrincipalKind.Account, null, syntax, conditions));
            return;
        }

        foreach (var value in values.Values)
        {
            var id = value?.Trim();
            result.Add(new TrustPrincipal(AwsArn.IsAccountId(id) ? TrustPrincipalKind.Account : TrustPrincipalKind.Unknown, AwsArn.IsAccountId(id) ? id : null, syntax, conditions));
        }
    }

    /// <summary><c>new ArnPrincipal(arn)</c> / <c>AddArnPrincipal(arn)</c>: an account root, a specific role or user, everyone, or unknown.</summary>
    public static void ReadArn(IOperation? arn, SyntaxNode syntax, AwsTypes types, HardCodedValueEvaluator evaluator, ImmutableArray<TrustPrincipal>.Builder result, TrustConditions conditions, CancellationToken cancellationToken)
    {
        if (arn is null)
        {
            result.Add(new TrustPrincipal(TrustPrincipalKind.Unknown, null, syntax, conditions));
            return;
        }

        if (ContainsOwnAccount(arn, types))
        {
            result.Add(new TrustPrincipal(TrustPrincipalKind.OwnAccount, null, syntax, conditions));
            return;
        }

        var values = evaluator.Evaluate(arn, cancellationToken);
        if (!values.IsKnown)
        {
            // A run-time ARN: judged by what the code calls it (an account, a role or user, or unknown), or, when it is
            // an ARN written around a run-time part ($"arn:aws:iam::{accountId}:root"), by the ARN's shape and that part.
            var runtime = TemplatedArnKind(arn)
                ?? RuntimePrincipals.Classify(ObjectCreations.Unwrap(arn).Syntax as Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax, arn.SemanticModel);
            result.Add(new TrustPrincipal(runtime, null, syntax, conditions));
            return;
        }

        foreach (var value in values.Values)
        {
            string? account = null;
            var kind = value is null ? null : TrustJudge.ClassifyArn(value, out account);
            result.Add(new TrustPrincipal(kind ?? TrustPrincipalKind.Unknown, account, syntax, conditions));
        }
    }

    /// <summary>
    /// An IAM ARN written as text around run-time parts (an interpolation or a concatenation): with the account part
    /// alone a run-time value, <c>arn:...:iam::{x}:root</c> is an account when <c>x</c> is named as one, and
    /// <c>arn:...:iam::{x}:role/...</c> or <c>:user/...</c> is a specific principal; anything else is not read here.
    /// </summary>
    private static TrustPrincipalKind? TemplatedArnKind(IOperation arn)
    {
        var parts = new List<(string? Text, IOperation? Value)>();
        if (!Flatten(ObjectCreations.StripConversions(arn), parts) || parts.All(p => p.Value is null))
        {
            return null;
        }

        // The text with each run-time part as one marker character.
        var text = new System.Text.StringBuilder();
        var holes = new List<IOperation>();
        foreach (var (partText, value) in parts)
        {
            if (value is null)
            {
                text.Append(partText);
            }
            else
            {
                text.Append('\u0001');
                holes.Add(value);
            }
        }

        var match = System.Text.RegularExpressions.Regex.Match(text.ToString(), "^arn:aws[a-z-]*:iam::(\u0001):(root|role/[^\u0001]+|user/[^\u0001]+)$");
        if (!match.Success || holes.Count != 1)
        {
            return null;
        }

        if (match.Groups[2].Value != "root")
        {
            return TrustPrincipalKind.Specific;
        }

        var hole = RuntimePrincipals.Classify(holes[0].Syntax as Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax, holes[0].SemanticModel);
        return hole == TrustPrincipalKind.Account ? TrustPrincipalKind.Account : TrustPrincipalKind.Unknown;

        static bool Flatten(IOperation operation, List<(string? Text, IOperation? Value)> into)
        {
            switch (operation)
            {
                case IInterpolatedStringOperation interpolated:
                    foreach (var piece in interpolated.Parts)
                    {
                        if (piece is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string t } })
                        {
                            into.Add((t, null));
                        }
                        else if (piece is IInterpolationOperation { Alignment: null, FormatString: null } hole)
                        {
                            into.Add(hole.Expression.ConstantValue is { HasValue: true, Value: string c } ? (c, null) : (null, hole.Expression));
                        }
                        else
                        {
                            return false;
                        }
                    }

                    return true;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add:
                    return Flatten(ObjectCreations.StripConversions(add.LeftOperand), into) && Flatten(ObjectCreations.StripConversions(add.RightOperand), into);
                default:
                    into.Add(operation.ConstantValue is { HasValue: true, Value: string value } ? (value, null) : (null, operation));
                    return true;
            }
        }
    }

    /// <summary><c>this.Account</c>, <c>Stack.Of(this).Account</c> (any Stack's Account) or <c>Aws.ACCOUNT_ID</c>.</summary>
    private static bool IsOwnAccount(IOperation operation, AwsTypes types)
    {
        return ObjectCreations.StripConversions(operation) is IPropertyReferenceOperation property
               && ((property.Property.Name == "Account" && AwsTypes.InheritsFromOrEquals(property.Property.ContainingType, types.CdkStack))
                   || (property.Property.Name == "ACCOUNT_ID" && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, types.CdkAws)));
    }

    private static bool ContainsOwnAccount(IOperation operation, AwsTypes types)
        => IsOwnAccount(operation, types) || operation.Descendants().Any(d => IsOwnAccount(d, types));

    /// <summary>Conditions added to a principal held in a local: <c>p.AddCondition(op, value)</c>, <c>p.AddConditions(dictionary)</c>.</summary>
    private static TrustConditions LaterConditions(ILocalReferenceOperation local, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var result = TrustConditions.None;
        foreach (var op in HardCodedValueEvaluator.GetRoot(local).Descendants())
        {
            if (op is IInvocationOperation { Instance: ILocalReferenceOperation receiver } invocation
                && SymbolEqualityComparer.Default.Equals(receiver.Local, local.Local))
            {
                if (invocation.TargetMethod.Name == "AddCondition" && invocation.Arguments.Length == 2)
                {
                    var @operator = evaluator.Evaluate(invocation.Arguments[0].Value, cancellationToken);
                    result = @operator is { IsKnown: true, Values.Length: 1 } && @operator.Values[0] is { } name
                        ? result.Merge(ReadOperatorValue(name, invocation.Arguments[1].Value, evaluator, cancellationToken))
                        : result.Merge(TrustConditions.Unknown);
                }
                else if (invocation.TargetMethod.Name == "AddConditions" && invocation.Arguments.Length == 1)
                {
                    result = result.Merge(ReadConditions(invocation.Arguments[0].Value, evaluator, cancellationToken));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// <c>new Dictionary&lt;string, object&gt; { { "StringEquals", new Dictionary&lt;string, object&gt; { { "sts:ExternalId", id } } } }</c>
    /// (collection or index initializers). Anything else is unknown.
    /// </summary>
    public static TrustConditions ReadConditions(IOperation value, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var entries = DictionaryEntries(value, evaluator, cancellationToken);
        if (entries is null)
        {
            return TrustConditions.Unknown;
        }

        var result = TrustConditions.None;
        foreach (var (key, entryValue) in entries)
        {
            result = result.Merge(ReadOperatorValue(key, entryValue, evaluator, cancellationToken));
        }

        return result;
    }

    /// <summary>The keys and values under one operator (<c>AddCondition("StringEquals", dictionary)</c>); unknown unless the dictionary is written inline.</summary>
    public static TrustConditions ReadOperatorValue(string @operator, IOperation value, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var entries = DictionaryEntries(value, evaluator, cancellationToken);
        if (entries is null)
        {
            return TrustConditions.Unknown;
        }

        var items = ImmutableArray.CreateBuilder<TrustCondition>();
        foreach (var (key, keyValue) in entries)
        {
            var values = ArrayElements(keyValue) is { IsDefault: false } elements
                ? Collect(elements, evaluator, cancellationToken)
                : evaluator.Evaluate(keyValue, cancellationToken) is { IsKnown: true } known ? known.Values : default;
            items.Add(new TrustCondition(@operator, key, values, keyValue.Syntax));
        }

        return new TrustConditions(items.ToImmutable(), isUnknown: false);
    }

    private static ImmutableArray<string?> Collect(ImmutableArray<IOperation> elements, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var builder = ImmutableArray.CreateBuilder<string?>();
        foreach (var element in elements)
        {
            var values = evaluator.Evaluate(element, cancellationToken);
            if (!values.IsKnown)
            {
                return default;
            }

            builder.AddRange(values.Values);
        }

        return builder.ToImmutable();
    }

    private static List<(string Key, IOperation Value)>? DictionaryEntries(IOperation value, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        if (ObjectCreations.StripConversions(value) is not IObjectCreationOperation { Initializer: { } initializer })
        {
            return null;
        }

        var entries = new List<(string, IOperation)>();
        foreach (var item in initializer.Initializers)
        {
            IOperation? keyOperation;
            IOperation? itemValue;
            switch (item)
            {
                case IInvocationOperation { TargetMethod.Name: "Add" } add when add.Arguments.Length == 2:
                    keyOperation = add.Arguments[0].Value;
                    itemValue = add.Arguments[1].Value;
                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } assignment:
                    keyOperation = indexer.Arguments[0].Value;
                    itemValue = assignment.Value;
                    break;
                default:
                    return null;
            }

            var key = evaluator.Evaluate(keyOperation, cancellationToken);
            if (!key.IsKnown || key.Values.Length != 1 || key.Values[0] is null)
            {
                return null;
            }

            entries.Add((key.Values[0]!, itemValue));
        }

        return entries;
    }
}
