using System;
using System.Collections.Immutable;
using System.Threading;
using CrossAccountAnalyzers.Analysis;
using CrossAccountAnalyzers.Aws;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace CrossAccountAnalyzers.Rules;

/// <summary>One trust statement to judge, from a CDK role or a JSON policy, with what a rule needs to report on it.</summary>
internal readonly struct TrustJudgement
{
    public TrustJudgement(TrustStatement statement, IObjectCreationOperation? props, SyntaxTree tree, AnalyzerOptions options, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
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

    public AnalyzerOptions Options { get; }

    public Action<Diagnostic> Report { get; }

    public CancellationToken CancellationToken { get; }
}

/// <summary>
/// Registration shared by the Family 3 rules: every CDK <c>Role</c>, and every string constant that parses as an IAM
/// trust policy (CreateRoleRequest.AssumeRolePolicyDocument, UpdateAssumeRolePolicyRequest.PolicyDocument, or any
/// other), read into the same trust model and judged by the rule.
/// </summary>
internal static class TrustPolicyAnalysis
{
    public static void Register(CompilationStartAnalysisContext context, AwsTypes types, Action<TrustJudgement> judge)
    {
        RegisterCdkRoles(context, types, judge);
        RegisterJsonPolicies(context, types, judge);
    }

    public static bool IsApplicable(AwsTypes types) => types.HasCdk || types.HasCore;

    private static void RegisterCdkRoles(CompilationStartAnalysisContext context, AwsTypes types, Action<TrustJudgement> judge)
    {
        if (!types.HasCdk)
        {
            return;
        }

        var evaluator = HardCodedValueEvaluator.Get(context.Compilation);
        context.RegisterOperationAction(
            c =>
            {
                var creation = (IObjectCreationOperation)c.Operation;
                if (creation.Constructor is null || !AwsTypes.InheritsFromOrEquals(creation.Type, types.CdkRole) || AssumeRoleWithoutExternalIdAnalyzer.IsBeingTyped(creation.Syntax))
                {
                    return;
                }

                if (CdkTrustReader.Read(creation, types, evaluator, c.CancellationToken) is { } trust)
                {
                    judge(new TrustJudgement(trust.Statement, trust.Props, creation.Syntax.SyntaxTree, c.Options, c.ReportDiagnostic, c.CancellationToken));
                }
            },
            OperationKind.ObjectCreation);
    }

    private static void RegisterJsonPolicies(CompilationStartAnalysisContext context, AwsTypes types, Action<TrustJudgement> judge)
    {
        context.RegisterSyntaxNodeAction(
            c =>
            {
                var node = c.Node;
                string? text;
                Func<int, int, TextSpan?> map;
                if (node is LiteralExpressionSyntax literal)
                {
                    text = literal.Token.ValueText;
                    var top = TopOfConcatenation(literal);
                    if (top is not null)
                    {
                        // Part of a concatenation of constants: judged once, as a whole, from its first literal.
                        if (!IsFirstLiteral(top, literal) || !MayHoldPolicy(top)
                            || c.SemanticModel.GetConstantValue(top, c.CancellationToken) is not { HasValue: true, Value: string whole })
                        {
                            return;
                        }

                        node = top;
                        text = whole;
                        map = (_, _) => null;
                    }
                    else
                    {
                        var token = literal.Token;
                        map = (start, end) => MapIntoToken(token, text, start, end);
                    }

                    if (!JsonTrustPolicyReader.MayBeTrustPolicy(text))
                    {
                        return;
                    }
                }
                else
                {
                    // A constant interpolated string: the whole expression.
                    if (!MayHoldPolicy(node))
                    {
                        return;
                    }

                    text = c.SemanticModel.GetConstantValue(node, c.CancellationToken) is { HasValue: true, Value: string value } ? value : null;
                    if (text is null || !JsonTrustPolicyReader.MayBeTrustPolicy(text))
                    {
                        return;
                    }

                    map = (_, _) => null;
                }

                foreach (var statement in JsonTrustPolicyReader.Read(text, node, map))
                {
                    judge(new TrustJudgement(statement, null, node.SyntaxTree, c.Options, c.ReportDiagnostic, c.CancellationToken));
                }
            },
            SyntaxKind.StringLiteralExpression,
            SyntaxKind.InterpolatedStringExpression);
    }

    /// <summary>The outermost <c>+</c> expression the literal is part of (through parentheses), or null.</summary>
    private static ExpressionSyntax? TopOfConcatenation(ExpressionSyntax literal)
    {
        ExpressionSyntax? top = null;
        for (var node = literal.Parent; node is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } or ParenthesizedExpressionSyntax; node = node.Parent)
        {
            if (node is BinaryExpressionSyntax binary)
            {
                top = binary;
            }
        }

        return top;
    }

    private static bool IsFirstLiteral(SyntaxNode top, LiteralExpressionSyntax literal)
    {
        foreach (var descendant in top.DescendantNodes())
        {
            if (descendant is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } first)
            {
                return first == literal;
            }
        }

        return false;
    }

    /// <summary>Cheap syntax test: a concatenation or interpolation that contains a literal mentioning "Statement".</summary>
    private static bool MayHoldPolicy(SyntaxNode node)
    {
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

    /// <summary>
    /// The source span of the JSON value at [start, end) of <paramref name="value"/>: for a JSON string, its content
    /// found verbatim in the token's source text exactly once (regular, verbatim with doubled quotes, raw).
    /// </summary>
    private static TextSpan? MapIntoToken(SyntaxToken token, string value, int start, int end)
    {
        if (end - start >= 2 && value[start] == '"' && value[end - 1] == '"')
        {
            start++;
            end--;
        }

        if (end <= start)
        {
            return null;
        }

        var content = value.Substring(start, end - start);
        var source = token.Text;
        var index = source.IndexOf(content, StringComparison.Ordinal);
        if (index < 0 || source.IndexOf(content, index + 1, StringComparison.Ordinal) >= 0)
        {
            return null;
        }

        return new TextSpan(token.SpanStart + index, content.Length);
    }

    /// <summary>A short name for a principal in messages.</summary>
    public static string Describe(TrustPrincipal principal)
        => principal.Name is { } name ? (name == "NotPrincipal" ? "NotPrincipal" : "\"" + name + "\"")
            : principal.Syntax is ObjectCreationExpressionSyntax { Type: var type } ? type.ToString()
            : "the principal";
}
