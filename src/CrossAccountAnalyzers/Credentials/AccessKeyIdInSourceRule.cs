using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace CrossAccountAnalyzers.Credentials;

/// <summary>
/// CXA2003: an access key ID (AKIA/ASIA/ABIA/ACCA + 16) in a string literal of any kind, or in an AdditionalFile
/// (appsettings*.json, *.config, .env, ...). AWS's documentation keys (ending in EXAMPLE, <see cref="DocumentationCredentials"/>) are skipped, and so are
/// literals that CXA2001/CXA2002 already report where they are passed.
/// </summary>
internal sealed class AccessKeyIdInSourceRule : CxaRule
{
    private const int MaxAdditionalFileLength = 10 * 1024 * 1024;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CXA2003_AccessKeyIdInSource);

    public override bool ReadsAdditionalFiles => true;

    protected internal override bool IsApplicable(AwsTypes types) => types.HasCore;

    protected internal override void OnCompilationStart(RuleContext context, AwsTypes types)
    {
        var evaluator = HardCodedValueEvaluator.Get(context.Compilation);

        // One pass per file, and only over files whose text holds a key prefix (or an escape that could spell one):
        // the rest of the world's files cost a text scan, not a callback per literal. Only the literals where a
        // prefix is written are read (every literal when the file has an escape).
        context.OnSemanticModel(c =>
        {
            var tree = c.SemanticModel.SyntaxTree;
            if (!SourceTextSearch.MayHold(tree, SourceTextFacts.KeyPrefix, c.CancellationToken))
            {
                return;
            }

            foreach (var token in SourceTextSearch.TokensHolding(tree, AccessKeyId.Prefixes, c.CancellationToken))
            {
                var node = token.Kind() switch
                {
                    SyntaxKind.StringLiteralToken or SyntaxKind.Utf8StringLiteralToken or SyntaxKind.SingleLineRawStringLiteralToken
                        or SyntaxKind.MultiLineRawStringLiteralToken or SyntaxKind.Utf8SingleLineRawStringLiteralToken
                        or SyntaxKind.Utf8MultiLineRawStringLiteralToken or SyntaxKind.InterpolatedStringTextToken => token.Parent,
                    _ => null,
                };
                if (node is LiteralExpressionSyntax or InterpolatedStringTextSyntax)
                {
                    AnalyzeLiteral(node, token, c, types, evaluator);
                }
            }
        });
        context.OnAdditionalFile(AnalyzeAdditionalFile);
    }

    private static void AnalyzeLiteral(SyntaxNode node, SyntaxToken token, SemanticModelAnalysisContext context, AwsTypes types, HardCodedValueEvaluator evaluator)
    {
        var value = token.ValueText;
        if (!AccessKeyId.MayContainKeyId(value))
        {
            return;
        }

        var keys = FindKeys(value);
        if (keys.Count == 0 || AlreadyReportedAsCredential(node, context, types, evaluator) || GeneratedCode.IsInGeneratedCodeSymbol(context.SemanticModel, node, context.CancellationToken))
        {
            return;
        }

        var text = token.Text;
        var searchFrom = 0;
        foreach (var key in keys)
        {
            // Keys are [A-Z2-7]: they appear verbatim in the source text, whatever the literal's kind.
            var index = text.IndexOf(key, searchFrom, System.StringComparison.Ordinal);
            var span = index >= 0 ? new TextSpan(token.SpanStart + index, key.Length) : token.Span;
            searchFrom = index >= 0 ? index + key.Length : searchFrom;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CXA2003_AccessKeyIdInSource, Location.Create(node.SyntaxTree, span), AccessKeyId.Mask(key), AccountSuffix(key)));
        }
    }

    private static void AnalyzeAdditionalFile(AdditionalFileAnalysisContext context)
    {
        var sourceText = context.AdditionalFile.GetText(context.CancellationToken);
        if (sourceText is null || sourceText.Length > MaxAdditionalFileLength)
        {
            return;
        }

        var text = sourceText.ToString();
        if (!AccessKeyId.MayContainKeyId(text))
        {
            return;
        }

        foreach (Match match in AccessKeyId.Pattern.Matches(text))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (DocumentationCredentials.IsKeyId(match.Value))
            {
                continue;
            }

            var span = new TextSpan(match.Index, match.Length);
            var location = Location.Create(context.AdditionalFile.Path, span, sourceText.Lines.GetLinePositionSpan(span));
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CXA2003_AccessKeyIdInSource, location, AccessKeyId.Mask(match.Value), AccountSuffix(match.Value)));
        }
    }

    private static List<string> FindKeys(string value)
    {
        var keys = new List<string>();
        foreach (Match match in AccessKeyId.Pattern.Matches(value))
        {
            if (!DocumentationCredentials.IsKeyId(match.Value))
            {
                keys.Add(match.Value);
            }
        }

        return keys;
    }

    private static string AccountSuffix(string key)
        => AccessKeyId.TryDecodeAccount(key) is { } account ? " (it belongs to AWS account " + account + ")" : string.Empty;

    /// <summary>The literal is (part of) a value passed straight into a CXA2001/CXA2002 sink that reports.</summary>
    private static bool AlreadyReportedAsCredential(SyntaxNode node, SemanticModelAnalysisContext context, AwsTypes types, HardCodedValueEvaluator evaluator)
    {
        var operation = context.SemanticModel.GetOperation(node is Microsoft.CodeAnalysis.CSharp.Syntax.InterpolatedStringTextSyntax ? node.Parent! : node, context.CancellationToken);
        if (operation is null)
        {
            return false;
        }

        var current = operation;
        while (current.Parent is IBinaryOperation or IInterpolatedStringOperation or IInterpolationOperation or IConversionOperation
               or IParenthesizedOperation or IConditionalOperation or ICoalesceOperation)
        {
            current = current.Parent;
        }

        CredentialSink? sink = current.Parent switch
        {
            IArgumentOperation { Parent: IObjectCreationOperation creation } => CredentialSink.FromCreation(creation, types),
            IArgumentOperation { Parent: IInvocationOperation invocation } => CredentialSink.FromInvocation(invocation, types),
            ISimpleAssignmentOperation assignment when assignment.Value == current => CredentialSink.FromAssignment(assignment, types),
            IInvalidOperation invalid when UnresolvedCreation.TryRead(invalid, context.CancellationToken) is { } unresolved => CredentialSink.FromUnresolvedCreation(unresolved, types),
            _ => null,
        };
        if (sink is null || !ContainsValue(sink, current))
        {
            return false;
        }

        var dummies = CxaOptions.GetDummyCredentials(context.Options, node.SyntaxTree);
        return CredentialJudge.Judge(sink, types, evaluator, dummies, context.CancellationToken).Report;
    }

    private static bool ContainsValue(CredentialSink sink, IOperation value)
    {
        foreach (var v in sink.Values)
        {
            if (v.Value == value)
            {
                return true;
            }
        }

        return false;
    }
}
