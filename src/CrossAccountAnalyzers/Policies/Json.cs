using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CrossAccountAnalyzers.Policies;

/// <summary>A parsed JSON value with its position in the text (for squiggles inside the string).</summary>
internal sealed class JsonNode
{
    public enum NodeKind
    {
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null,
    }

    public JsonNode(NodeKind kind, int start)
    {
        Kind = kind;
        Start = start;
    }

    public NodeKind Kind { get; }

    /// <summary>Offset of the value's first character in the JSON text.</summary>
    public int Start { get; }

    /// <summary>Offset just past the value.</summary>
    public int End { get; internal set; }

    /// <summary>The string's value (strings only).</summary>
    public string? Text { get; internal set; }

    /// <summary>Members in order (objects only).</summary>
    public List<KeyValuePair<string, JsonNode>>? Members { get; internal set; }

    /// <summary>Elements (arrays only).</summary>
    public List<JsonNode>? Elements { get; internal set; }

    /// <summary>The first member named <paramref name="name"/> (IAM element names are case-sensitive).</summary>
    public JsonNode? Get(string name)
    {
        if (Members is null)
        {
            return null;
        }

        foreach (var member in Members)
        {
            if (member.Key == name)
            {
                return member.Value;
            }
        }

        return null;
    }

    /// <summary>A string, or every string of an array: IAM's "string or array of strings".</summary>
    public IEnumerable<JsonNode> StringOrArray()
    {
        if (Kind == NodeKind.String)
        {
            yield return this;
        }
        else if (Kind == NodeKind.Array && Elements is not null)
        {
            foreach (var element in Elements)
            {
                if (element.Kind == NodeKind.String)
                {
                    yield return element;
                }
            }
        }
    }
}

/// <summary>
/// A small strict JSON parser: iterative (an explicit stack, so 10,000 nested arrays cannot overflow the thread's
/// stack), linear in the input, no allocation of the whole tree beyond a depth limit, and no exception on bad input
/// (it returns null). Needs no extra assembly, so the analyzer loads in every host.
/// </summary>
internal static class Json
{
    public const int MaxDepth = 64;

    public static JsonNode? Parse(string text)
    {
        var i = 0;
        var stack = new Stack<(JsonNode Container, string? PendingKey)>();
        JsonNode? root = null;
        string? pendingKey = null;

        SkipWhitespace(text, ref i);
        while (true)
        {
            SkipWhitespace(text, ref i);
            if (i >= text.Length)
            {
                return null;
            }

            // Inside an object, read the member name first.
            if (stack.Count > 0 && stack.Peek().Container.Kind == JsonNode.NodeKind.Object && pendingKey is null)
            {
                if (text[i] == '}' && stack.Peek().Container.Members!.Count == 0)
                {
                    if (!Close(text, ref i, stack, ref pendingKey) || !AfterValue(text, ref i, stack, ref pendingKey))
                    {
                        return null;
                    }

                    if (stack.Count == 0)
                    {
                        break;
                    }

                    continue;
                }

                if (text[i] != '"' || ReadString(text, ref i) is not { } key)
                {
                    return null;
                }

                SkipWhitespace(text, ref i);
                if (i >= text.Length || text[i] != ':')
                {
                    return null;
                }

                i++;
                pendingKey = key;
                continue;
            }

            if (stack.Count > 0 && stack.Peek().Container.Kind == JsonNode.NodeKind.Array && text[i] == ']' && stack.Peek().Container.Elements!.Count == 0)
            {
                if (!Close(text, ref i, stack, ref pendingKey) || !AfterValue(text, ref i, stack, ref pendingKey))
                {
                    return null;
                }

                if (stack.Count == 0)
                {
                    break;
                }

                continue;
            }

            // A value.
            var start = i;
            var c = text[i];
            JsonNode value;
            if (c == '{' || c == '[')
            {
                if (stack.Count >= MaxDepth)
                {
                    return null;
                }

                value = new JsonNode(c == '{' ? JsonNode.NodeKind.Object : JsonNode.NodeKind.Array, start);
                if (c == '{')
                {
                    value.Members = new List<KeyValuePair<string, JsonNode>>();
                }
                else
                {
                    value.Elements = new List<JsonNode>();
                }

                i++;
                Attach(stack, value, ref pendingKey, ref root);
                stack.Push((value, null));
                continue;
            }

            if (c == '"')
            {
                var s = ReadString(text, ref i);
                if (s is null)
                {
                    return null;
                }

                value = new JsonNode(JsonNode.NodeKind.String, start) { Text = s, End = i };
            }
            else if (Literal(text, ref i, "true"))
            {
                value = new JsonNode(JsonNode.NodeKind.True, start) { End = i };
            }
            else if (Literal(text, ref i, "false"))
            {
                value = new JsonNode(JsonNode.NodeKind.False, start) { End = i };
            }
            else if (Literal(text, ref i, "null"))
            {
                value = new JsonNode(JsonNode.NodeKind.Null, start) { End = i };
            }
            else if (c == '-' || (c >= '0' && c <= '9'))
            {
                i++;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] is '.' or 'e' or 'E' or '+' or '-'))
                {
                    i++;
                }

                value = new JsonNode(JsonNode.NodeKind.Number, start) { End = i, Text = text.Substring(start, i - start) };
            }
            else
            {
                return null;
            }

            Attach(stack, value, ref pendingKey, ref root);
            if (stack.Count == 0)
            {
                break;
            }

            // After a value inside a container: ',' or the closing bracket.
            SkipWhitespace(text, ref i);
            if (!AfterValue(text, ref i, stack, ref pendingKey))
            {
                return null;
            }

            if (stack.Count == 0)
            {
                break;
            }
        }

        SkipWhitespace(text, ref i);
        return i == text.Length ? root : null;
    }

    private static void Attach(Stack<(JsonNode Container, string? PendingKey)> stack, JsonNode value, ref string? pendingKey, ref JsonNode? root)
    {
        if (stack.Count == 0)
        {
            root = value;
            return;
        }

        var container = stack.Peek().Container;
        if (container.Kind == JsonNode.NodeKind.Object)
        {
            container.Members!.Add(new KeyValuePair<string, JsonNode>(pendingKey!, value));
            pendingKey = null;
        }
        else
        {
            container.Elements!.Add(value);
        }
    }

    /// <summary>Reads ',' (next member or element) or closes containers as long as closing brackets follow.</summary>
    private static bool AfterValue(string text, ref int i, Stack<(JsonNode Container, string? PendingKey)> stack, ref string? pendingKey)
    {
        while (stack.Count > 0)
        {
            SkipWhitespace(text, ref i);
            if (i >= text.Length)
            {
                return false;
            }

            if (text[i] == ',')
            {
                i++;
                return true;
            }

            if (!Close(text, ref i, stack, ref pendingKey))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Close(string text, ref int i, Stack<(JsonNode Container, string? PendingKey)> stack, ref string? pendingKey)
    {
        var container = stack.Peek().Container;
        var expected = container.Kind == JsonNode.NodeKind.Object ? '}' : ']';
        if (i >= text.Length || text[i] != expected)
        {
            return false;
        }

        i++;
        container.End = i;
        stack.Pop();
        pendingKey = null;
        return true;
    }

    private static bool Literal(string text, ref int i, string word)
    {
        if (string.CompareOrdinal(text, i, word, 0, word.Length) == 0)
        {
            i += word.Length;
            return true;
        }

        return false;
    }

    private static void SkipWhitespace(string text, ref int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t' or '\r' or '\n')
        {
            i++;
        }
    }

    private static string? ReadString(string text, ref int i)
    {
        // text[i] == '"'
        i++;
        var builder = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c == '\\')
            {
                if (i >= text.Length)
                {
                    return null;
                }

                var e = text[i++];
                switch (e)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (i + 4 > text.Length || !int.TryParse(text.Substring(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        {
                            return null;
                        }

                        builder.Append((char)code);
                        i += 4;
                        break;
                    default:
                        return null;
                }
            }
            else if (c < ' ')
            {
                return null;
            }
            else
            {
                builder.Append(c);
            }
        }

        return null;
    }
}
