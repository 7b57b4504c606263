using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CrossAccountAnalyzers.Engine;

/// <summary>Syntax questions every creation rule asks: is this code still being typed, and where does its squiggle go.</summary>
internal static class CodeShapes
{
    /// <summary>
    /// Code being typed: the creation or the statement holding it does not parse yet. Reporting there is noise, and
    /// the assignments that would set the ExternalId may not have been typed.
    /// </summary>
    public static bool IsBeingTyped(SyntaxNode creation)
    {
        if (creation.ContainsDiagnostics)
        {
            return true;
        }

        SyntaxNode? statement = creation.FirstAncestorOrSelf<StatementSyntax>(s => s is not BlockSyntax);
        statement ??= creation.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        return statement is not null && statement.ContainsDiagnostics;
    }

    /// <summary>The squiggle: <c>new Type(args)</c> without the object initializer.</summary>
    public static Location GetCreationHeadLocation(SyntaxNode syntax)
    {
        var end = syntax switch
        {
            ObjectCreationExpressionSyntax { ArgumentList: { } args } => args.Span.End,
            ObjectCreationExpressionSyntax explicitCreation => explicitCreation.Type.Span.End,
            ImplicitObjectCreationExpressionSyntax implicitCreation => implicitCreation.ArgumentList.Span.End,
            _ => syntax.Span.End,
        };

        return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.SpanStart, end));
    }
}
