using System;
using System.Linq;
using CrossAccountAnalyzers.Policies;
using CrossAccountAnalyzers.TrustPolicies;

namespace CrossAccountAnalyzers.CodeFixes.TrustPolicies;

/// <summary>Where and what to insert into a JSON policy text so that one statement requires an sts:ExternalId.</summary>
internal readonly struct JsonConditionInsertion
{
    public JsonConditionInsertion(int afterIndex, string before, string after)
    {
        AfterIndex = afterIndex;
        Before = before;
        After = after;
    }

    /// <summary>The insertion goes just after the character at this index of the policy text.</summary>
    public int AfterIndex { get; }

    /// <summary>JSON text before the ExternalId value (ends inside the value's opening quote).</summary>
    public string Before { get; }

    /// <summary>JSON text after the ExternalId value (starts with the value's closing quote).</summary>
    public string After { get; }
}

/// <summary>
/// Plans the CXA3001 and CXA3004 JSON fixes on the policy text: add the key (<c>"sts:ExternalId"</c>, <c>"aws:SourceAccount"</c>) to an existing <c>StringEquals</c>, or a
/// <c>StringEquals</c> to an existing <c>Condition</c>, or a new <c>Condition</c> member after the statement's last
/// member, following the statement's layout (one member per line, with its indentation and line break, or inline).
/// Braces are written with spaces (<c>{ "StringEquals": { ... } }</c>) so that no run of braces appears that a raw
/// interpolated string would read as a hole.
/// </summary>
internal static class JsonConditionPlanner
{
    public static JsonConditionInsertion? Plan(string text, int statementIndex, string key = TrustJudge.ExternalIdKey)
    {
        var statements = JsonTrustPolicyReader.Statements(Json.Parse(text));
        if (statements is null || statementIndex < 0 || statementIndex >= statements.Count || statements[statementIndex] is not { Kind: JsonNode.NodeKind.Object } statement)
        {
            return null;
        }

        var condition = statement.Get("Condition");
        if (condition is null)
        {
            return InsertMember(text, statement, "\"Condition\": { \"StringEquals\": { \"" + key + "\": \"", "\" } }");
        }

        if (condition.Kind != JsonNode.NodeKind.Object)
        {
            return null;
        }

        // Already there (a second principal of the same statement, fixed first): nothing to add.
        if (condition.Members!.Any(op => op.Value.Kind == JsonNode.NodeKind.Object
                                         && op.Value.Members!.Any(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase))))
        {
            return null;
        }

        var stringEquals = condition.Get("StringEquals");
        return stringEquals is { Kind: JsonNode.NodeKind.Object }
            ? InsertMember(text, stringEquals, "\"" + key + "\": \"", "\"")
            : InsertMember(text, condition, "\"StringEquals\": { \"" + key + "\": \"", "\" }");
    }

    private static JsonConditionInsertion InsertMember(string text, JsonNode target, string before, string after)
    {
        var members = target.Members!;
        if (members.Count == 0)
        {
            // `{}` or `{ }`: right after the opening brace.
            var spaced = target.End - target.Start > 2 ? string.Empty : " ";
            return new JsonConditionInsertion(target.Start, spaced + before, after + spaced);
        }

        var last = members[members.Count - 1].Value;
        var firstLine = text.IndexOf('\n', target.Start, members[0].Value.Start - target.Start) >= 0;
        if (!firstLine)
        {
            return new JsonConditionInsertion(last.End - 1, ", " + before, after);
        }

        var newLine = text.IndexOf("\r\n", StringComparison.Ordinal) >= 0 ? "\r\n" : "\n";
        return new JsonConditionInsertion(last.End - 1, "," + newLine + IndentationOfLine(text, last.Start) + before, after);
    }

    private static string IndentationOfLine(string text, int position)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(position - 1, 0)) + 1;
        var end = lineStart;
        while (end < text.Length && (text[end] == ' ' || text[end] == '\t'))
        {
            end++;
        }

        return text.Substring(lineStart, end - lineStart);
    }
}
