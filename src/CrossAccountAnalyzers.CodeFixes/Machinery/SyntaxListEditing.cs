using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace CrossAccountAnalyzers.CodeFixes.Machinery;

/// <summary>Insertions into separated lists (parameters, arguments, initializers) that keep the list's own layout.</summary>
internal static class SyntaxListEditing
{
    /// <summary>Inserts <paramref name="node"/> at <paramref name="index"/>, copying separator and indentation trivia from its neighbours.</summary>
    public static SeparatedSyntaxList<T> Insert<T>(SeparatedSyntaxList<T> list, int index, T node)
        where T : SyntaxNode
    {
        if (list.Count == 0)
        {
            return SingletonSeparatedList(node);
        }

        var separator = list.SeparatorCount > 0 ? list.GetSeparator(0) : Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space);
        var nodesAndTokens = list.GetWithSeparators();
        var items = nodesAndTokens.ToList();
        if (index >= list.Count)
        {
            var last = list[list.Count - 1];
            var leading = list.Count > 1 ? last.GetLeadingTrivia() : default;
            var newNode = node.WithLeadingTrivia(leading);
            if (list.SeparatorCount == list.Count)
            {
                // Trailing separator (`{ A = 1, }`): the new element goes after it and gets one of its own.
                items.Add(newNode);
                items.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(list.GetSeparator(list.SeparatorCount - 1).TrailingTrivia));
                items[items.Count - 3] = items[items.Count - 3].AsToken().WithTrailingTrivia(separator.TrailingTrivia);
                return SeparatedList<T>(items);
            }

            // Move the last element's trailing trivia (end of line, comments) behind the new element.
            var trailing = last.GetTrailingTrivia();
            items[items.Count - 1] = last.WithTrailingTrivia();
            items.Add(Token(separator.LeadingTrivia, SyntaxKind.CommaToken, separator.TrailingTrivia));
            items.Add(newNode.WithTrailingTrivia(trailing));
            return SeparatedList<T>(items);
        }

        // Insert before element `index`: the new element takes its leading trivia, and it keeps a separator of the same shape.
        var before = list[index];
        var position = index * 2;
        items[position] = before.WithLeadingTrivia(index == 0 ? default : before.GetLeadingTrivia());
        items.Insert(position, Token(separator.LeadingTrivia, SyntaxKind.CommaToken, separator.TrailingTrivia));
        items.Insert(position, node.WithLeadingTrivia(before.GetLeadingTrivia()));
        if (index == 0)
        {
            items[position + 2] = before.WithLeadingTrivia(list.Count > 1 ? list[1].GetLeadingTrivia() : default);
        }

        return SeparatedList<T>(items);
    }
}
