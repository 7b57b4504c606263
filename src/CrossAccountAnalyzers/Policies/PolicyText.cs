using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CrossAccountAnalyzers.Policies;

/// <summary>
/// The text of a string expression as the program sees it (escapes decoded, raw-string indentation removed, constant
/// parts folded in, every non-constant part replaced by <see cref="Hole"/>), with a map from each character back to the
/// source characters that wrote it. Regular (<c>\"</c>, <c>\u0022</c>, <c>\x</c>), verbatim (<c>""</c>), raw
/// (single- and multi-line, indentation) and interpolated strings of each kind, and concatenations of all of these.
/// The map is checked against the compiler's own value of each token: a token whose decoding disagrees is left unmapped.
/// </summary>
internal sealed class PolicyText
{
    /// <summary>Stands for a value computed at run time (an interpolation hole or a non-constant operand).</summary>
    public const char Hole = '\uE000';

    private readonly int[] _sourceStart;
    private readonly int[] _sourceEnd;
    private readonly SyntaxToken[] _tokens;
    private readonly ExpressionSyntax[] _holes;

    private PolicyText(string text, int[] sourceStart, int[] sourceEnd, SyntaxToken[] tokens, ExpressionSyntax expression, bool isConcatenation, bool hasHoles, ExpressionSyntax[] holes)
    {
        _holes = holes;
        Text = text;
        _sourceStart = sourceStart;
        _sourceEnd = sourceEnd;
        _tokens = tokens;
        Expression = expression;
        IsConcatenation = isConcatenation;
        HasHoles = hasHoles;
    }

    public string Text { get; }

    /// <summary>The whole string expression (a literal, an interpolated string or a concatenation).</summary>
    public ExpressionSyntax Expression { get; }

    public bool IsConcatenation { get; }

    /// <summary>Some part is computed at run time: the policy is built in code.</summary>
    public bool HasHoles { get; }

    /// <summary>The expression that computes the first run-time part (<see cref="Hole"/>) in <c>Text[start..end)</c>, or null.</summary>
    public ExpressionSyntax? HoleIn(int start, int end)
    {
        var index = 0;
        for (var i = 0; i < end && i < Text.Length; i++)
        {
            if (Text[i] == Hole)
            {
                if (i >= start)
                {
                    return index < _holes.Length ? _holes[index] : null;
                }

                index++;
            }
        }

        return null;
    }

    /// <summary>
    /// Builds the text of <paramref name="expression"/>. <paramref name="constantValue"/> gives the value of a
    /// non-literal operand or interpolation when it is a compile-time constant (null: treat as run time).
    /// Returns null when the expression is not a string expression this reader understands.
    /// </summary>
    public static PolicyText? Create(ExpressionSyntax expression, Func<ExpressionSyntax, string?>? constantValue)
    {
        var builder = new Builder();
        var parts = new List<ExpressionSyntax>();
        Flatten(expression, parts);
        foreach (var part in parts)
        {
            if (!builder.Add(part, constantValue))
            {
                return null;
            }
        }

        return new PolicyText(builder.Text.ToString(), builder.Start.ToArray(), builder.End.ToArray(), builder.Tokens.ToArray(), expression, parts.Count > 1, builder.HasHoles, builder.Holes.ToArray());
    }

    /// <summary>The source span of the text range [start, end), when every character of it is written in one string token.</summary>
    public TextSpan? MapSpan(int start, int end)
    {
        if (start < 0 || end > Text.Length || end <= start)
        {
            return null;
        }

        var first = _sourceStart[start];
        var last = _sourceEnd[end - 1];
        if (first < 0 || last < 0 || _tokens[start] != _tokens[end - 1])
        {
            return null;
        }

        for (var i = start; i < end; i++)
        {
            if (_sourceStart[i] < 0)
            {
                return null;
            }
        }

        return TextSpan.FromBounds(first, last);
    }

    /// <summary>The source position just after the character at <paramref name="index"/>, and the token that wrote it.</summary>
    public bool TryGetInsertionPoint(int index, out int position, out SyntaxToken token)
    {
        position = -1;
        token = default;
        if (index < 0 || index >= Text.Length || _sourceEnd[index] < 0)
        {
            return false;
        }

        position = _sourceEnd[index];
        token = _tokens[index];
        return true;
    }

    /// <summary>The number of quotes that open a raw string literal's text (0 when it does not start with one).</summary>
    public static int RawQuoteCount(string text)
    {
        var count = 0;
        while (count < text.Length && text[count] == '"')
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// A multi-line raw string's indentation: the whitespace before the closing quotes, on the last line of
    /// <paramref name="closingText"/> (the literal's text, or an interpolated raw string's end token).
    /// </summary>
    public static string RawIndentation(string closingText)
    {
        var lineStart = Math.Max(closingText.LastIndexOf('\n'), closingText.LastIndexOf('\r')) + 1;
        var end = lineStart;
        while (end < closingText.Length && (closingText[end] == ' ' || closingText[end] == '\t'))
        {
            end++;
        }

        return closingText.Substring(lineStart, end - lineStart);
    }

    /// <summary>The text for messages: holes shown as <c>{…}</c>.</summary>
    public static string Display(string text) => text.IndexOf(Hole) < 0 ? text : text.Replace(Hole.ToString(), "{…}");

    private static void Flatten(ExpressionSyntax expression, List<ExpressionSyntax> parts)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                Flatten(parenthesized.Expression, parts);
                break;
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } binary:
                // Iterative on the left spine: long concatenations are deep on the left.
                var rights = new Stack<ExpressionSyntax>();
                ExpressionSyntax left = binary;
                while (left is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add)
                {
                    rights.Push(add.Right);
                    left = add.Left;
                }

                parts.Add(left);
                while (rights.Count > 0)
                {
                    var right = rights.Pop();
                    if (right is ParenthesizedExpressionSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression })
                    {
                        Flatten(right, parts);
                    }
                    else
                    {
                        parts.Add(right);
                    }
                }

                break;
            default:
                parts.Add(expression);
                break;
        }
    }

    private sealed class Builder
    {
        public StringBuilder Text { get; } = new();

        public List<int> Start { get; } = new();

        public List<int> End { get; } = new();

        public List<SyntaxToken> Tokens { get; } = new();

        public bool HasHoles { get; private set; }

        public List<ExpressionSyntax> Holes { get; } = new();

        public bool Add(ExpressionSyntax part, Func<ExpressionSyntax, string?>? constantValue)
        {
            switch (part)
            {
                case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal:
                    AddToken(literal.Token, literal.Token.ValueText);
                    return true;
                case InterpolatedStringExpressionSyntax interpolated:
                    AddInterpolated(interpolated, constantValue);
                    return true;
                default:
                    if (constantValue?.Invoke(part) is { } value)
                    {
                        AddUnmapped(value);
                    }
                    else
                    {
                        AddHole(part);
                    }

                    return true;
            }
        }

        private void AddUnmapped(string value)
        {
            foreach (var c in value)
            {
                Append(c, -1, -1, default);
            }
        }

        private void AddHole(ExpressionSyntax expression)
        {
            HasHoles = true;
            Holes.Add(expression);
            Append(Hole, -1, -1, default);
        }

        private void Append(char c, int start, int end, SyntaxToken token)
        {
            Text.Append(c);
            Start.Add(start);
            End.Add(end);
            Tokens.Add(token);
        }

        private void AddToken(SyntaxToken token, string value)
        {
            var decoded = new List<(char C, int Start, int End)>();
            var ok = token.Kind() switch
            {
                SyntaxKind.StringLiteralToken => token.Text.StartsWith("@", StringComparison.Ordinal)
                    ? DecodeVerbatim(token.Text, 2, token.Text.Length - 1, decoded, braces: false)
                    : DecodeRegular(token.Text, 1, token.Text.Length - 1, decoded, braces: false),
                SyntaxKind.SingleLineRawStringLiteralToken => DecodeRawSingleLine(token.Text, decoded),
                SyntaxKind.MultiLineRawStringLiteralToken => DecodeRawMultiLine(token.Text, decoded),
                _ => false,
            };
            AddDecoded(token, value, decoded, ok);
        }

        private void AddDecoded(SyntaxToken token, string value, List<(char C, int Start, int End)> decoded, bool ok)
        {
            ok = ok && decoded.Count == value.Length;
            for (var i = 0; ok && i < decoded.Count; i++)
            {
                ok = decoded[i].C == value[i];
            }

            if (!ok)
            {
                // Not decoded exactly: the value is still right, only its position is unknown.
                AddUnmapped(value);
                return;
            }

            var offset = token.SpanStart;
            foreach (var (c, start, end) in decoded)
            {
                Append(c, offset + start, offset + end, token);
            }
        }

        private void AddInterpolated(InterpolatedStringExpressionSyntax interpolated, Func<ExpressionSyntax, string?>? constantValue)
        {
            var start = interpolated.StringStartToken.Text;
            var isRaw = start.IndexOf("\"\"\"", StringComparison.Ordinal) >= 0;
            var isVerbatim = !isRaw && start.IndexOf('@') >= 0;
            var isMultiLineRaw = isRaw && (start.EndsWith("\n", StringComparison.Ordinal) || start.EndsWith("\r", StringComparison.Ordinal));
            var indentation = string.Empty;
            if (isMultiLineRaw)
            {
                indentation = RawIndentation(interpolated.StringEndToken.Text);
            }

            var atLineStart = isMultiLineRaw;
            var contents = interpolated.Contents;
            for (var index = 0; index < contents.Count; index++)
            {
                if (contents[index] is InterpolatedStringTextSyntax text)
                {
                    var token = text.TextToken;
                    var decoded = new List<(char C, int Start, int End)>();
                    bool ok;
                    string value;
                    if (isRaw)
                    {
                        ok = DecodeRawLines(token.Text, 0, token.Text.Length, indentation, atLineStart, decoded);

                        // The final line break of a multi-line raw string belongs to the closing delimiter.
                        value = token.ValueText;
                    }
                    else
                    {
                        ok = isVerbatim
                            ? DecodeVerbatim(token.Text, 0, token.Text.Length, decoded, braces: true)
                            : DecodeRegular(token.Text, 0, token.Text.Length, decoded, braces: true);
                        value = token.ValueText.Replace("{{", "{").Replace("}}", "}");
                    }

                    AddDecoded(token, value, decoded, ok);
                    atLineStart = false;
                }
                else if (contents[index] is InterpolationSyntax hole)
                {
                    if (hole.AlignmentClause is null && hole.FormatClause is null && constantValue?.Invoke(hole.Expression) is { } constant)
                    {
                        AddUnmapped(constant);
                    }
                    else
                    {
                        AddHole(hole.Expression);
                    }

                    atLineStart = false;
                }
            }
        }

        private static bool DecodeRegular(string text, int from, int to, List<(char C, int Start, int End)> output, bool braces)
        {
            var i = from;
            while (i < to)
            {
                var start = i;
                var c = text[i];
                if (braces && (c == '{' || c == '}') && i + 1 < to && text[i + 1] == c)
                {
                    output.Add((c, start, i + 2));
                    i += 2;
                    continue;
                }

                if (c != '\\')
                {
                    output.Add((c, start, ++i));
                    continue;
                }

                if (i + 1 >= to)
                {
                    return false;
                }

                var e = text[i + 1];
                i += 2;
                char? simple = e switch
                {
                    '\'' => '\'',
                    '"' => '"',
                    '\\' => '\\',
                    '0' => '\0',
                    'a' => '\a',
                    'b' => '\b',
                    'e' => '\u001b',
                    'f' => '\f',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'v' => '\v',
                    _ => null,
                };
                if (simple is { } s)
                {
                    output.Add((s, start, i));
                    continue;
                }

                int digits;
                switch (e)
                {
                    case 'u':
                        digits = 4;
                        break;
                    case 'U':
                        digits = 8;
                        break;
                    case 'x':
                        digits = 0;
                        while (digits < 4 && i + digits < to && Uri.IsHexDigit(text[i + digits]))
                        {
                            digits++;
                        }

                        if (digits == 0)
                        {
                            return false;
                        }

                        break;
                    default:
                        return false;
                }

                if (i + digits > to || !uint.TryParse(text.Substring(i, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                {
                    return false;
                }

                i += digits;
                if (code <= 0xFFFF)
                {
                    output.Add(((char)code, start, i));
                }
                else if (code <= 0x10FFFF)
                {
                    var pair = char.ConvertFromUtf32((int)code);
                    output.Add((pair[0], start, i));
                    output.Add((pair[1], start, i));
                }
                else
                {
                    return false;
                }
            }

            return true;
        }

        private static bool DecodeVerbatim(string text, int from, int to, List<(char C, int Start, int End)> output, bool braces)
        {
            var i = from;
            while (i < to)
            {
                var c = text[i];
                if ((c == '"' || (braces && (c == '{' || c == '}'))) && i + 1 < to && text[i + 1] == c)
                {
                    output.Add((c, i, i + 2));
                    i += 2;
                }
                else
                {
                    output.Add((c, i, i + 1));
                    i++;
                }
            }

            return true;
        }

        private static bool DecodeRawSingleLine(string text, List<(char C, int Start, int End)> output)
        {
            var quotes = RawQuoteCount(text);

            if (text.Length < 2 * quotes)
            {
                return false;
            }

            for (var i = quotes; i < text.Length - quotes; i++)
            {
                output.Add((text[i], i, i + 1));
            }

            return true;
        }

        private static bool DecodeRawMultiLine(string text, List<(char C, int Start, int End)> output)
        {
            var quotes = RawQuoteCount(text);

            // Content starts after the first line break; ends at the line break before the closing delimiter.
            var first = text.IndexOf('\n', quotes);
            var closing = text.LastIndexOf('\n');
            if (first < 0 || closing < first)
            {
                return false;
            }

            var indentation = RawIndentation(text);
            var contentEnd = closing > 0 && text[closing - 1] == '\r' ? closing - 1 : closing;
            return first + 1 > contentEnd || DecodeRawLines(text, first + 1, contentEnd, indentation, atLineStart: true, output);
        }

        /// <summary>Raw content lines: each line's indentation removed (a whitespace-only line may be shorter), line breaks kept.</summary>
        private static bool DecodeRawLines(string text, int from, int to, string indentation, bool atLineStart, List<(char C, int Start, int End)> output)
        {
            var i = from;
            while (i < to)
            {
                if (atLineStart)
                {
                    var skipped = 0;
                    while (skipped < indentation.Length && i < to && text[i] == indentation[skipped])
                    {
                        i++;
                        skipped++;
                    }

                    if (skipped < indentation.Length && i < to && text[i] != '\r' && text[i] != '\n')
                    {
                        return false;
                    }

                    atLineStart = false;
                    continue;
                }

                var c = text[i];
                output.Add((c, i, i + 1));
                i++;
                if (c == '\n' || (c == '\r' && (i >= to || text[i] != '\n')))
                {
                    atLineStart = true;
                }
            }

            return true;
        }
    }
}
