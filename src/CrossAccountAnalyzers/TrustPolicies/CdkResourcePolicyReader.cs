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
    public CdkResourceStatement(PolicyStatement statement, ResourceFixKind fixKind, SyntaxNode? fixTarget)
    {
        Statement = statement;
        FixKind = fixKind;
        FixTarget = fixTarget;
    }

    public PolicyStatement Statement { get; }

    public ResourceFixKind FixKind { get; }

    public SyntaxNode? FixTarget { get; }
}

/// <summary>
/// Reads the AWS CDK v2 shapes of resource-based policies into the policy model: Lambda <c>Permission</c>
/// (<c>function.AddPermission</c>), <c>CfnPermission</c>, <c>function.GrantInvoke(principal)</c>, and every
/// <c>PolicyStatement</c> with principals (given to <c>AddToResourcePolicy</c>, to a <c>TopicPolicy</c>,
/// <c>QueuePolicy</c> or <c>BucketPolicy</c> document, or to an L1 <c>Cfn*Policy</c>'s <c>PolicyDocument</c>),
/// read by <see cref="CdkPolicyStatementReader"/> (props, or filled in code). Object-built documents (an L1
/// <c>Cfn*Policy</c>'s anonymous object or dictionary) are read with every object-built policy
/// (<see cref="ResourcePolicyReaders"/>). A statement whose actions include sts:AssumeRole is a trust statement and is
/// not read here; one whose actions or effect are not known is not read either.
/// </summary>
internal static class CdkResourcePolicyReader
{
    private static readonly ImmutableArray<string> PermissionProperties = ImmutableArray.Create("Principal", "SourceArn", "SourceAccount", "OrganizationId", "PrincipalOrgId");
    private static readonly PolicyActions InvokeFunction = new(ImmutableArray.Create("lambda:InvokeFunction"), negated: false);

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
        var statement = new PolicyStatement(PolicyEffect.Allow, InvokeFunction, Named(principals.ToImmutable(), evaluator, cancellationToken), new TrustConditions(conditions.ToImmutable(), isUnknown: false), permission.Syntax);
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
        return new CdkResourceStatement(new PolicyStatement(PolicyEffect.Allow, InvokeFunction, Named(principals.ToImmutable(), evaluator, cancellationToken), TrustConditions.None, invocation.Syntax), ResourceFixKind.None, null);
    }

    /// <summary>
    /// A <c>new PolicyStatement(...)</c> (read by <see cref="CdkPolicyStatementReader"/>, with the calls on the local or
    /// field that holds it) that is a resource-policy statement; null otherwise.
    /// </summary>
    public static CdkResourceStatement? ReadStatement(IObjectCreationOperation creation, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var read = CdkPolicyStatementReader.Read(creation, types, evaluator, cancellationToken);
        if (!IsResourceStatement(read.Statement))
        {
            return null;
        }

        var statement = read.Statement.WithPrincipals(Named(read.Statement.Principals, evaluator, cancellationToken));
        if (read.Holder is ILocalSymbol && creation.Syntax.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax declaration } } })
        {
            return new CdkResourceStatement(statement, ResourceFixKind.AddConditionCall, declaration);
        }

        return read.Props is { } props && !read.ConditionsWritten
            ? new CdkResourceStatement(statement, ResourceFixKind.ConditionsProperty, props.Syntax)
            : new CdkResourceStatement(statement, ResourceFixKind.None, null);
    }

    /// <summary>An <c>Allow</c> with principals and known actions, none of which is sts:AssumeRole (a trust statement is CXA3001-CXA3003's).</summary>
    public static bool IsResourceStatement(PolicyStatement statement)
        => statement.Effect == PolicyEffect.Allow
           && !statement.Actions.IsUnknown
           && !statement.Actions.Patterns.IsEmpty
           && !statement.IsTrustStatement
           && !statement.Principals.IsEmpty;

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
}
