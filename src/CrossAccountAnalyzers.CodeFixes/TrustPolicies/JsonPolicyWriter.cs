using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CrossAccountAnalyzers.Policies;
using CrossAccountAnalyzers.TrustPolicies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CrossAccountAnalyzers.CodeFixes.TrustPolicies;

/// <summary>
/// CXA3001's JSON fix: inserts the sts:ExternalId condition planned by <see cref="JsonConditionPlanner"/> into the
/// source of the policy string, written in that string's own syntax (regular escapes, verbatim doubled quotes, raw
/// indentation, interpolation braces), so that the literal keeps its kind, layout and everything around the insertion.
/// The value is either JSON text (a placeholder) or an expression spliced in as an interpolation hole or a
/// concatenation operand. Works on the node as it is now (FixAll applies several statements to one string in turn).
/// </summary>
internal static class JsonPolicyWriter
{
    /// <summary>The value a placeholder fix writes; documented in docs/rules/CXA3001.md.</summary>
    public const string Placeholder = "REPLACE_WITH_EXTERNAL_ID_FROM_THIRD_PARTY";

    /// <summary>
    /// The policy expression with the condition added to statement <paramref name="statementIndex"/>, or null when it
    /// cannot be written exactly. A string literal <paramref name="value"/> is written as JSON text; any other
    /// expression is spliced in as code.
    /// </summary>
    public static ExpressionSyntax? Apply(ExpressionSyntax policyExpression, int statementIndex, ExpressionSyntax value, IReadOnlyDictionary<string, string> constants, string key = TrustJudge.ExternalIdKey)
    {
        var policy = PolicyText.Create(policyExpression, e => constants.TryGetValue(e.ToString(), out var constant) ? constant : null);
        if (policy is null || JsonConditionPlanner.Plan(policy.Text, statementIndex, key) is not { } plan
            || !policy.TryGetInsertionPoint(plan.AfterIndex, out var position, out var token))
        {
            return null;
        }

        var style = StringStyle.Of(token);
        if (style is null)
        {
            return null;
        }

        string? inserted;
        if (value is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal)
        {
            inserted = style.Encode(plan.Before + literal.Token.ValueText + plan.After);
        }
        else
        {
            var code = style.Splice(value);
            inserted = code is null ? null : style.Encode(plan.Before) + code + style.Encode(plan.After);
        }

        if (inserted is null)
        {
            return null;
        }

        var full = policyExpression.ToFullString();
        var offset = position - policyExpression.FullSpan.Start;
        if (offset < 0 || offset > full.Length)
        {
            return null;
        }

        var parsed = SyntaxFactory.ParseExpression(full.Substring(0, offset) + inserted + full.Substring(offset));
        return parsed.ContainsDiagnostics || parsed.FullSpan.Length != full.Length + inserted.Length ? null : parsed;
    }

    /// <summary>
    /// The compile-time values of the operands and interpolations of <paramref name="policyExpression"/> (a <c>const</c>
    /// piece of the JSON), by their text: the fix rewrites only string tokens, so the same text still names the same
    /// constant in the rewritten expression, where no semantic model is available.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Constants(SemanticModel model, ExpressionSyntax policyExpression, System.Threading.CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in policyExpression.DescendantNodesAndSelf().OfType<ExpressionSyntax>())
        {
            if (node is LiteralExpressionSyntax or InterpolatedStringExpressionSyntax or BinaryExpressionSyntax or ParenthesizedExpressionSyntax)
            {
                continue;
            }

            if (model.GetConstantValue(node, cancellationToken) is { HasValue: true, Value: { } constant })
            {
                result[node.ToString()] = Convert.ToString(constant, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        return result;
    }

    /// <summary>How text is written inside one string token.</summary>
    private sealed class StringStyle
    {
        private readonly bool _escapes;
        private readonly bool _verbatim;
        private readonly bool _interpolated;
        private readonly int _dollars;
        private readonly string? _rawIndentation;
        private readonly string _rawQuotes;

        private StringStyle(bool escapes, bool verbatim, bool interpolated, int dollars, string? rawIndentation, string rawQuotes)
        {
            _escapes = escapes;
            _verbatim = verbatim;
            _interpolated = interpolated;
            _dollars = dollars;
            _rawIndentation = rawIndentation;
            _rawQuotes = rawQuotes;
        }

        private bool IsRaw => _rawQuotes.Length > 0;

        public static StringStyle? Of(SyntaxToken token)
        {
            switch (token.Kind())
            {
                case SyntaxKind.StringLiteralToken:
                    var verbatim = token.Text.StartsWith("@", StringComparison.Ordinal);
                    return new StringStyle(!verbatim, verbatim, interpolated: false, 0, null, string.Empty);
                case SyntaxKind.SingleLineRawStringLiteralToken:
                    return new StringStyle(false, false, false, 0, null, new string('"', PolicyText.RawQuoteCount(token.Text)));
                case SyntaxKind.MultiLineRawStringLiteralToken:
                    return new StringStyle(false, false, false, 0, PolicyText.RawIndentation(token.Text), new string('"', PolicyText.RawQuoteCount(token.Text)));
                case SyntaxKind.InterpolatedStringTextToken when token.Parent?.Parent is InterpolatedStringExpressionSyntax interpolated:
                    var start = interpolated.StringStartToken.Text;
                    var dollars = start.Length - start.TrimStart('$', '@').Length - (start.IndexOf('@') >= 0 ? 1 : 0);
                    var quotes = start.TrimStart('$', '@').TrimEnd('\r', '\n');
                    if (quotes.Length >= 3)
                    {
                        var indentation = start.EndsWith("\n", StringComparison.Ordinal) ? PolicyText.RawIndentation(interpolated.StringEndToken.Text) : null;

                        return new StringStyle(false, false, true, dollars, indentation, quotes);
                    }

                    var isVerbatim = start.IndexOf('@') >= 0;
                    return new StringStyle(!isVerbatim, isVerbatim, true, 1, null, string.Empty);
                default:
                    return null;
            }
        }

        /// <summary>Policy text written in this token's syntax; null when it cannot be (a brace in a one-dollar raw interpolation).</summary>
        public string? Encode(string value)
        {
            var builder = new StringBuilder();
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (_interpolated && (c == '{' || c == '}'))
                {
                    if (IsRaw)
                    {
                        if (_dollars < 2)
                        {
                            return null;
                        }

                        builder.Append(c);
                    }
                    else
                    {
                        builder.Append(c).Append(c);
                    }

                    continue;
                }

                if (_escapes)
                {
                    builder.Append(c switch
                    {
                        '"' => "\\\"",
                        '\\' => "\\\\",
                        '\n' => "\\n",
                        '\r' => "\\r",
                        '\t' => "\\t",
                        _ => c.ToString(),
                    });
                }
                else if (_verbatim && c == '"')
                {
                    builder.Append("\"\"");
                }
                else
                {
                    builder.Append(c);
                    if (c == '\n' && _rawIndentation is not null)
                    {
                        builder.Append(_rawIndentation);
                    }
                }
            }

            return builder.ToString();
        }

        /// <summary>A value from code inside this token: an interpolation hole, or a concatenation operand; null when neither fits.</summary>
        public string? Splice(ExpressionSyntax value)
        {
            var code = value.WithoutTrivia().ToFullString();
            var simple = value is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax or ThisExpressionSyntax or MemberAccessExpressionSyntax };
            if (_interpolated)
            {
                var open = new string('{', IsRaw ? _dollars : 1);
                var close = new string('}', IsRaw ? _dollars : 1);
                return open + (simple ? code : "(" + code + ")") + close;
            }

            if (_rawIndentation is not null)
            {
                // Splitting a multi-line raw literal would change its indentation rules.
                return null;
            }

            var operand = simple ? code : "(" + code + ")";
            var reopen = IsRaw ? _rawQuotes : _verbatim ? "@\"" : "\"";
            var closeQuote = IsRaw ? _rawQuotes : "\"";
            return closeQuote + " + " + operand + " + " + reopen;
        }
    }
}
