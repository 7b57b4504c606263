using System;
using System.Collections.Generic;
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
    public TrustJudgement(TrustStatement statement, IObjectCreationOperation? props, SyntaxTree tree, AnalyzerOptions options, Action<Diagnostic> report, CancellationToken cancellationToken, PolicyText? policy = null)
    {
        Policy = policy;
        Statement = statement;
        Props = props;
        Tree = tree;
        Options = options;
        Report = report;
        CancellationToken = cancellationToken;
    }

    public TrustStatement Statement { get; }

    /// <summary>The CDK <c>RoleProps</c> creation (where a fix adds ExternalIds); null for JSON policies.</summary>
    public IObjectCreationOperation? Props { get; }

    public SyntaxTree Tree { get; }

    /// <summary>The JSON policy's text and source map; null for CDK roles.</summary>
    public PolicyText? Policy { get; }

    public AnalyzerOptions Options { get; }

    public Action<Diagnostic> Report { get; }

    public CancellationToken CancellationToken { get; }
}

/// <summary>
/// Registration shared by the trust-policy rules (CXA3001-CXA3003): every CDK <c>Role</c>, and every string constant that parses as an IAM
/// trust policy (CreateRoleRequest.AssumeRolePolicyDocument, UpdateAssumeRolePolicyRequest.PolicyDocument, or any
/// other), read into the same trust model and judged by the rule.
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
            foreach (var token in SourceTextSearch.TokensHolding(tree, StatementNeedle, c.CancellationToken))
            {
                if (StringExpressionOf(token) is { } expression && TopOf(expression, climbed) is { } top)
                {
                    AnalyzeString(top, c.SemanticModel, c.Options, c.ReportDiagnostic, judge, c.CancellationToken);
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
            : "the principal";
}
