using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.Policies;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.TrustPolicies;

/// <summary>One trust statement to judge, from a CDK role or a JSON policy, with what a rule needs to report on it.</summary>
internal readonly struct TrustJudgement
{
    public TrustJudgement(PolicyStatement statement, IObjectCreationOperation? props, SyntaxTree tree, AnalyzerOptions options, Action<Diagnostic> report, CancellationToken cancellationToken, PolicyText? policy = null, CdkStatement? cdkStatement = null)
    {
        Policy = policy;
        CdkStatement = cdkStatement;
        Statement = statement;
        Props = props;
        Tree = tree;
        Options = options;
        Report = report;
        CancellationToken = cancellationToken;
    }

    public PolicyStatement Statement { get; }

    /// <summary>The CDK <c>RoleProps</c> creation (where a fix adds ExternalIds); null for JSON policies.</summary>
    public IObjectCreationOperation? Props { get; }

    public SyntaxTree Tree { get; }

    /// <summary>The CDK <c>PolicyStatement</c> the statement was read from (where a fix adds a condition); null for other shapes.</summary>
    public CdkStatement? CdkStatement { get; }

    /// <summary>The JSON policy's text and source map; null for CDK roles.</summary>
    public PolicyText? Policy { get; }

    public AnalyzerOptions Options { get; }

    public Action<Diagnostic> Report { get; }

    public CancellationToken CancellationToken { get; }
}

/// <summary>
/// Registration shared by the trust-policy rules (CXA3001-CXA3003), every shape read into the same policy model and
/// judged by the rule: every CDK <c>Role</c> (<c>AssumedBy</c>, <c>ExternalIds</c>); the statements added to a role's
/// <c>AssumeRolePolicy</c> (<c>role.AssumeRolePolicy.AddStatements(...)</c>, also through <c>?.</c>); the CDK L1
/// <c>CfnRoleProps.AssumeRolePolicyDocument</c> / <c>CfnRole.AssumeRolePolicyDocument</c> when it is a <c>PolicyDocument</c>;
/// every string constant that parses as an IAM trust policy (CreateRoleRequest.AssumeRolePolicyDocument,
/// UpdateAssumeRolePolicyRequest.PolicyDocument, a CfnRole document, or any other); and every policy built as objects
/// (an anonymous object, a dictionary or a <c>JObject</c> with a <c>Statement</c>, wherever it goes). Only statements that
/// allow sts:AssumeRole are trust statements; identity policies (<c>AddToPolicy</c>, <c>new Policy</c>) are never read.
/// </summary>
internal static class TrustPolicyReaders
{
    /// <summary>Has <paramref name="judge"/> judge every trust statement; the statements are read once for all the rules that ask.</summary>
    public static void Register(RuleContext context, AwsTypes types, Action<TrustJudgement> judge)
        => context.Share(c => new Judges(c, types)).Add(context, judge);

    /// <summary>The trust-policy rules' judges of one compilation, fed by one reading of its roles and policy strings.</summary>
    private sealed class Judges : RuleFanOut<TrustJudgement>
    {
        public Judges(RuleContext context, AwsTypes types)
        {
            RegisterCdkRoles(context, types, Run);
            RegisterCdkStatements(context, types, Run);
            RegisterJsonPolicies(context, Run);
        }
    }

    public static bool IsApplicable(AwsTypes types) => types.HasCdk || types.HasCore;

    private static void RegisterCdkRoles(RuleContext context, AwsTypes types, Action<TrustJudgement> judge)
    {
        if (!types.HasCdk)
        {
            return;
        }

        var evaluator = HardCodedValueEvaluator.Get(context.Compilation);
        context.OnCreationOf(
            c =>
            {
                var creation = (IObjectCreationOperation)c.Operation;
                if (creation.Constructor is null || !AwsTypes.InheritsFromOrEquals(creation.Type, types.CdkRole) || CodeShapes.IsBeingTyped(creation.Syntax))
                {
                    return;
                }

                if (CdkTrustReader.Read(creation, types, evaluator, c.CancellationToken) is { } trust)
                {
                    judge(new TrustJudgement(trust.Statement, trust.Props, creation.Syntax.SyntaxTree, c.Options, c.ReportDiagnostic, c.CancellationToken));
                }
            },
            types.CdkRole);

        // A Role whose overload resolution failed on an argument that does not bind; only code with errors has these.
        context.OnOperation(
            c =>
            {
                if (UnresolvedCreation.TryRead(c.Operation, c.CancellationToken) is { } creation
                    && AwsTypes.InheritsFromOrEquals(creation.Type, types.CdkRole)
                    && CdkTrustReader.Read(creation, types, evaluator, c.CancellationToken) is { } trust)
                {
                    judge(new TrustJudgement(trust.Statement, trust.Props, creation.Syntax.SyntaxTree, c.Options, c.ReportDiagnostic, c.CancellationToken));
                }
            },
            OperationKind.Invalid);
    }

    private static void RegisterCdkStatements(RuleContext context, AwsTypes types, Action<TrustJudgement> judge)
    {
        if (!types.HasCdk || !CdkPolicyStatementReader.IsApplicable(types))
        {
            return;
        }

        var evaluator = HardCodedValueEvaluator.Get(context.Compilation);
        void Judge(ImmutableArray<CdkStatement> statements, NamedOperationContext c)
        {
            foreach (var statement in statements)
            {
                if (statement.Statement.IsTrustStatement)
                {
                    judge(new TrustJudgement(statement.Statement, null, c.Operation.Syntax.SyntaxTree, c.Options, c.ReportDiagnostic, c.CancellationToken, cdkStatement: statement));
                }
            }
        }

        // role.AssumeRolePolicy.AddStatements(statement, ...) and role.AssumeRolePolicy?.AddStatements(...).
        context.OnNamedOperation(
            c =>
            {
                var invocation = (IInvocationOperation)c.Operation;
                if (!SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, types.CdkPolicyDocument)
                    || invocation.Instance is null
                    || TrustDocument(CdkPolicyStatementReader.Receiver(invocation.Instance), c.CancellationToken) is not IPropertyReferenceOperation { Property: { Name: "AssumeRolePolicy" } property }
                    || !AwsTypes.InheritsFromOrEquals(property.ContainingType, types.CdkRole) && property.ContainingType?.ContainingNamespace?.ToDisplayString() != "Amazon.CDK.AWS.IAM")
                {
                    return;
                }

                foreach (var argument in invocation.Arguments)
                {
                    Judge(CdkPolicyStatementReader.ReadValue(argument.Value, types, evaluator, c.CancellationToken), c);
                }
            },
            OperationKind.Invocation,
            "AddStatements");

        // new CfnRoleProps { AssumeRolePolicyDocument = new PolicyDocument(...) }, cfnRole.AssumeRolePolicyDocument = document.
        // Other documents (an object, a dictionary, JSON, PolicyDocument.FromJson) are read where they are written.
        context.OnNamedOperation(
            c =>
            {
                var assignment = (ISimpleAssignmentOperation)c.Operation;
                if (assignment.Target is not IPropertyReferenceOperation { Property.ContainingType: var owner }
                    || !(SymbolEqualityComparer.Default.Equals(owner, types.CdkCfnRoleProps) || AwsTypes.InheritsFromOrEquals(owner, types.CdkCfnRole)))
                {
                    return;
                }

                var statements = CdkPolicyStatementReader.ReadDocument(assignment.Value, types, evaluator, c.CancellationToken);
                if (!statements.IsDefault)
                {
                    Judge(statements, c);
                }
            },
            OperationKind.SimpleAssignment,
            "AssumeRolePolicyDocument");
    }

    /// <summary><c>role.AssumeRolePolicy</c>, also through a local that holds it (<c>var trust = role.AssumeRolePolicy;</c>).</summary>
    private static IOperation TrustDocument(IOperation receiver, CancellationToken cancellationToken)
    {
        var op = ObjectCreations.StripConversions(receiver);
        return op is ILocalReferenceOperation local && ObjectCreations.FindSingleValueAssignedTo(local, cancellationToken) is { } assigned
            ? ObjectCreations.StripConversions(assigned)
            : op;
    }

    private static void RegisterJsonPolicies(RuleContext context, Action<TrustJudgement> judge)
    {
        // One pass per file, and only over files whose text says "Statement" (or has an escape that could spell it):
        // a callback per string literal would make the driver walk every node of every file for each trust-policy rule.
        context.OnSemanticModel(c =>
        {
            var tree = c.SemanticModel.SyntaxTree;
            if (!SourceTextSearch.MayHold(tree, SourceTextFacts.Statement, c.CancellationToken))
            {
                return;
            }

            // Only the string expressions with a literal part where "Statement" is written (every one when the file has
            // an escape), each judged once from the top of its concatenation.
            var climbed = new HashSet<SyntaxNode>();
            HashSet<SyntaxNode>? objects = null;
            foreach (var token in SourceTextSearch.TokensHolding(tree, StatementNeedle, c.CancellationToken))
            {
                if (StringExpressionOf(token) is { } expression && TopOf(expression, climbed) is { } top)
                {
                    AnalyzeString(top, c.SemanticModel, c.Options, c.ReportDiagnostic, judge, c.CancellationToken);
                }

                // A policy built as objects: `Statement = ...` in an anonymous object, `["Statement"] = ...` or
                // `{ "Statement", ... }` in a dictionary or JObject initializer, `new JProperty("Statement", ...)`.
                if (token.ValueText == "Statement" && ObjectPolicyRoot(token) is { } root && (objects ??= new HashSet<SyntaxNode>()).Add(root))
                {
                    AnalyzeObject(root, c.SemanticModel, c.Options, c.ReportDiagnostic, judge, c.CancellationToken);
                }
            }
        });
    }

    private static void AnalyzeString(ExpressionSyntax top, SemanticModel model, AnalyzerOptions options, Action<Diagnostic> report, Action<TrustJudgement> judge, CancellationToken cancellationToken)
    {
        // A concatenation is judged once, as a whole, from its top (see TopOf).
        if (!MayHoldPolicy(top))
        {
            return;
        }

        var policy = PolicyText.Create(top, e => model.GetConstantValue(e, cancellationToken) is { HasValue: true, Value: var value } ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null);
        if (policy is null || !JsonTrustPolicyReader.MayBeTrustPolicy(policy.Text) || GeneratedCode.IsInGeneratedCodeSymbol(model, top, cancellationToken))
        {
            return;
        }

        foreach (var statement in JsonTrustPolicyReader.Read(policy, model))
        {
            judge(new TrustJudgement(statement, null, top.SyntaxTree, options, report, cancellationToken, policy));
        }
    }

    internal static readonly string[] StatementNeedle = ["Statement"];

    /// <summary>
    /// The object creation whose key <paramref name="token"/> ("Statement") is, or null: the root of a policy built as
    /// objects, to read with <see cref="ObjectPolicyReader.ReadPolicy(IOperation, HardCodedValueEvaluator, CancellationToken)"/>
    /// (resource-policy rules find object-built policies the same way, from <see cref="SourceTextSearch.TokensHolding"/>).
    /// </summary>
    public static SyntaxNode? ObjectPolicyRoot(SyntaxToken token)
    {
        if (token.IsKind(SyntaxKind.IdentifierToken))
        {
            return token.Parent is IdentifierNameSyntax { Parent: NameEqualsSyntax { Parent: AnonymousObjectMemberDeclaratorSyntax { Parent: AnonymousObjectCreationExpressionSyntax anonymous } } } ? anonymous : null;
        }

        if (!token.IsKind(SyntaxKind.StringLiteralToken) || token.Parent is not LiteralExpressionSyntax literal)
        {
            return null;
        }

        // ["Statement"] = v / { "Statement", v } in an initializer, or new JProperty("Statement", v) inside new JObject(...).
        SyntaxNode? node = literal.Parent switch
        {
            ArgumentSyntax { Parent: BracketedArgumentListSyntax { Parent: ImplicitElementAccessSyntax { Parent: AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax initializer } } } } => initializer.Parent,
            InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ComplexElementInitializerExpression, Parent: InitializerExpressionSyntax initializer } => initializer.Parent,
            ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax property } } when property.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax owner } } => owner,
            _ => null,
        };
        return node as BaseObjectCreationExpressionSyntax;
    }

    private static void AnalyzeObject(SyntaxNode root, SemanticModel model, AnalyzerOptions options, Action<Diagnostic> report, Action<TrustJudgement> judge, CancellationToken cancellationToken)
    {
        if (model.GetOperation(root, cancellationToken) is not { } operation || GeneratedCode.IsInGeneratedCodeSymbol(model, root, cancellationToken))
        {
            return;
        }

        foreach (var statement in ObjectPolicyReader.ReadPolicy(operation, HardCodedValueEvaluator.Get(model.Compilation), cancellationToken))
        {
            if (statement.IsTrustStatement)
            {
                judge(new TrustJudgement(statement, null, root.SyntaxTree, options, report, cancellationToken));
            }
        }
    }

    /// <summary>The string expression a literal token belongs to (a literal, or the interpolated string around a text part).</summary>
    internal static ExpressionSyntax? StringExpressionOf(SyntaxToken token) => token.Parent switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal,
        InterpolatedStringTextSyntax { Parent: InterpolatedStringExpressionSyntax interpolated } => interpolated,
        _ => null,
    };

    /// <summary>
    /// The whole concatenation <paramref name="expression"/> is part of (through parentheses), or itself; null when a
    /// part of the same concatenation already climbed there. Each <c>+</c> is climbed once (<paramref name="climbed"/>),
    /// so a concatenation of thousands of literals costs linear time, not quadratic.
    /// </summary>
    internal static ExpressionSyntax? TopOf(ExpressionSyntax expression, HashSet<SyntaxNode> climbed)
    {
        var top = expression;
        for (var parent = top.Parent; parent is ParenthesizedExpressionSyntax || parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression }; parent = parent.Parent)
        {
            if (parent is BinaryExpressionSyntax add)
            {
                if (!climbed.Add(add))
                {
                    return null;
                }

                top = add;
            }
        }

        return top == expression && !climbed.Add(expression) ? null : top;
    }

    /// <summary>Cheap syntax test: the string expression has a literal part mentioning "Statement".</summary>
    internal static bool MayHoldPolicy(SyntaxNode node)
    {
        if (node is LiteralExpressionSyntax literal)
        {
            return literal.Token.ValueText.IndexOf("Statement", StringComparison.Ordinal) >= 0;
        }

        foreach (var token in node.DescendantTokens())
        {
            if ((token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.InterpolatedStringTextToken)
                 || token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) || token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken))
                && token.ValueText.IndexOf("Statement", StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A short name for a principal in messages.</summary>
    public static string Describe(TrustPrincipal principal)
        => principal.Name is { } name
            ? name switch
            {
                "NotPrincipal" => "Allow with NotPrincipal: everyone but the listed principals",
                "NotAction" => "Allow with NotAction: every action but the listed ones",
                _ => "\"" + PolicyText.Display(name) + "\"",
            }
            : principal.Syntax is ObjectCreationExpressionSyntax { Type: var type } ? type.ToString()
            : principal.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: var method } } ? method.Identifier.ValueText + "()"
            : "the principal";
}
