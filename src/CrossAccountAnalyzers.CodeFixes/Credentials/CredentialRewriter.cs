using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.CodeFixes.Machinery;
using CrossAccountAnalyzers.Credentials;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace CrossAccountAnalyzers.CodeFixes.Credentials;

/// <summary>
/// The version-aware credentials rewriter used by every credentials fixer: the default credential chain of the
/// referenced SDK (v4 <c>DefaultAWSCredentialsIdentityResolver.GetCredentials()</c>, v3
/// <c>FallbackCredentialsFactory.GetCredentials()</c>), STS role credentials with an ExternalId, and client
/// constructors rewritten without their key arguments.
/// </summary>
internal static class CredentialRewriter
{
    public static ExpressionSyntax DefaultCredentials(AwsTypes types)
    {
        var name = types.SdkVersion == AwsSdkVersion.V4 ? AwsTypes.DefaultAWSCredentialsIdentityResolverName : AwsTypes.FallbackCredentialsFactoryName;
        return InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, ParseExpression("global::" + name).WithAdditionalAnnotations(Simplifier.Annotation), IdentifierName("GetCredentials")));
    }

    /// <summary><c>new AssumeRoleAWSCredentials(&lt;default&gt;, roleArn, "session", new AssumeRoleAWSCredentialsOptions { ExternalId = externalId })</c>.</summary>
    public static ExpressionSyntax AssumeRoleCredentials(AwsTypes types, ExpressionSyntax roleArn, ExpressionSyntax externalId, string sessionName)
        => ObjectCreationExpression(ParseTypeName("global::" + AwsTypes.AssumeRoleAWSCredentialsName).WithAdditionalAnnotations(Simplifier.Annotation))
            .WithNewKeyword(Token(SyntaxKind.NewKeyword).WithTrailingTrivia(Space))
            .WithArgumentList(ArgumentList(SeparatedList(
                new[]
                {
                    Argument(DefaultCredentials(types)),
                    Argument(roleArn.WithoutTrivia()),
                    Argument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(sessionName))),
                    Argument(ObjectCreationExpression(ParseTypeName("global::" + AwsTypes.AssumeRoleAWSCredentialsOptionsName).WithAdditionalAnnotations(Simplifier.Annotation))
                        .WithNewKeyword(Token(SyntaxKind.NewKeyword).WithTrailingTrivia(Space))
                        .WithInitializer(InitializerExpression(
                            SyntaxKind.ObjectInitializerExpression,
                            Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(Space).WithTrailingTrivia(Space),
                            SingletonSeparatedList<ExpressionSyntax>(ExternalIdWriter.ExternalIdAssignment(externalId)),
                            Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(Space)))),
                },
                Enumerable.Repeat(Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space), 3))));

    /// <summary>A session name that says who assumed the role: the enclosing type's name.</summary>
    public static string SessionName(SyntaxNode node)
        => node.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>()?.Identifier.ValueText is { Length: > 0 } name ? name : "application";

    /// <summary>
    /// The client creation without its key arguments; with <paramref name="credentials"/> in their place when given.
    /// Every other argument keeps its place, comments and layout; comments on removed arguments move to the next one.
    /// </summary>
    public static BaseObjectCreationExpressionSyntax WithoutKeyArguments(BaseObjectCreationExpressionSyntax creation, IObjectCreationOperation operation, ExpressionSyntax? credentials)
    {
        var arguments = creation.ArgumentList!.Arguments;
        var remove = new HashSet<ArgumentSyntax>();
        foreach (var argument in operation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.Explicit && CredentialSink.RoleOf(argument.Parameter, client: true) is not null && argument.Syntax is ArgumentSyntax syntax)
            {
                remove.Add(syntax);
            }
        }

        var endOfLine = creation.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (!endOfLine.IsKind(SyntaxKind.EndOfLineTrivia))
        {
            endOfLine = EndOfLine("\n");
        }

        var kept = new List<ArgumentSyntax>();
        var separators = new List<SyntaxToken>();
        var pendingComments = new List<SyntaxTrivia>();
        var inserted = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            var separator = i < arguments.SeparatorCount ? arguments.GetSeparator(i) : default;
            if (remove.Contains(argument))
            {
                pendingComments.AddRange(argument.GetLeadingTrivia().Concat(argument.GetTrailingTrivia()).Concat(separator.TrailingTrivia).Where(IsComment));
                if (credentials is not null && !inserted)
                {
                    kept.Add(Argument(credentials.WithoutTrivia()).WithLeadingTrivia(argument.GetLeadingTrivia().Where(t => !IsComment(t))));
                    separators.Add(separator.IsKind(SyntaxKind.None) ? Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space) : separator.WithTrailingTrivia(separator.TrailingTrivia.Where(t => !IsComment(t))));
                    inserted = true;
                }

                continue;
            }

            // Now first in the list: take the first argument's leading trivia (indentation after `(`).
            var leading = kept.Count == 0 && i > 0 ? arguments[0].GetLeadingTrivia().Where(t => !IsComment(t)).ToList() : argument.GetLeadingTrivia().ToList();
            if (pendingComments.Count > 0)
            {
                leading = WithComments(leading, pendingComments, endOfLine);
                pendingComments.Clear();
            }

            kept.Add(argument.WithLeadingTrivia(leading));
            separators.Add(separator.IsKind(SyntaxKind.None) ? Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space) : separator);
        }

        if (separators.Count > 0)
        {
            separators.RemoveAt(separators.Count - 1);
        }

        var list = creation.ArgumentList.WithArguments(SeparatedList(kept, separators));
        if (pendingComments.Count > 0)
        {
            list = list.WithCloseParenToken(list.CloseParenToken.WithLeadingTrivia(WithComments(list.CloseParenToken.LeadingTrivia.ToList(), pendingComments, endOfLine)));
        }

        return creation.WithArgumentList(list);
    }

    /// <summary>
    /// Puts comments from removed arguments in front of what follows: <c>/* c */ next</c>, or for a line comment
    /// <c>// c</c>, a new line and the same indentation as before.
    /// </summary>
    private static List<SyntaxTrivia> WithComments(List<SyntaxTrivia> leading, List<SyntaxTrivia> comments, SyntaxTrivia endOfLine)
    {
        var indentation = leading.Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToList();
        var result = new List<SyntaxTrivia>(leading);
        foreach (var comment in comments)
        {
            result.Add(comment);
            if (comment.IsKind(SyntaxKind.SingleLineCommentTrivia))
            {
                result.Add(endOfLine);
                result.AddRange(indentation);
            }
            else
            {
                result.Add(Space);
            }
        }

        return result;
    }

    private static bool IsComment(SyntaxTrivia trivia) => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia);

    /// <summary>True when the rewritten creation binds to a constructor of the same type.</summary>
    public static bool Binds(SemanticModel model, BaseObjectCreationExpressionSyntax original, ExpressionSyntax rewritten)
    {
        var info = model.GetSpeculativeSymbolInfo(original.SpanStart, rewritten, SpeculativeBindingOption.BindAsExpression);
        return info.Symbol is IMethodSymbol { MethodKind: MethodKind.Constructor };
    }

    /// <summary>
    /// Whether the code around <paramref name="creation"/> accepts a value of <paramref name="replacementType"/> in its
    /// place. <paramref name="retype"/> is the declared type of the local that holds it when that type must become
    /// <paramref name="replacementType"/> (<c>BasicAWSCredentials c = new BasicAWSCredentials(...)</c>) and every use of
    /// the local accepts the new type; null when nothing needs retyping.
    /// </summary>
    public static bool CanReplaceCreation(IObjectCreationOperation creation, ITypeSymbol replacementType, Compilation compilation, CancellationToken cancellationToken, out TypeSyntax? retype)
    {
        retype = null;
        bool Accepts(ITypeSymbol? target)
            => target is not null && (SymbolEqualityComparer.Default.Equals(target, replacementType) || compilation.ClassifyCommonConversion(replacementType, target).IsImplicit);

        IOperation current = creation;
        while (current.Parent is IParenthesizedOperation)
        {
            current = current.Parent;
        }

        switch (current.Parent)
        {
            case IConversionOperation conversion:
                return Accepts(conversion.Type);
            case IArgumentOperation argument:
                return Accepts(argument.Parameter?.Type);
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                var local = declarator.Symbol;
                if (declarator.Syntax is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: false, Variables.Count: var count } declaration })
                {
                    if (Accepts(local.Type))
                    {
                        return true;
                    }

                    // A declared type the new value does not fit: retype the local when it holds nothing else and every use takes the new type.
                    if (count != 1 || !UsesAccept(creation, local, replacementType, Accepts, cancellationToken))
                    {
                        return false;
                    }

                    retype = declaration.Type;
                    return true;
                }

                return UsesAccept(creation, local, replacementType, Accepts, cancellationToken);
            case ISimpleAssignmentOperation assignment when assignment.Value == current:
                return Accepts(assignment.Target.Type);
            case IReturnOperation:
            case IExpressionStatementOperation:
                return current.Parent is IExpressionStatementOperation || Accepts(creation.Type) && SymbolEqualityComparer.Default.Equals(creation.Type, replacementType);
            default:
                return false;
        }
    }

    /// <summary>Every use of <paramref name="local"/> in the body takes a value of <paramref name="replacementType"/>, and nothing else is assigned to it.</summary>
    private static bool UsesAccept(IOperation creation, ILocalSymbol local, ITypeSymbol replacementType, Func<ITypeSymbol?, bool> accepts, CancellationToken cancellationToken)
    {
        foreach (var op in HardCodedValueEvaluator.GetRoot(creation).Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (op is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            switch (reference.Parent)
            {
                case IConversionOperation conversion when accepts(conversion.Type):
                    continue;
                case IArgumentOperation argument when accepts(argument.Parameter?.Type):
                    continue;
                case IMemberReferenceOperation member when member.Instance == reference && AwsTypes.InheritsFromOrEquals(replacementType, member.Member.ContainingType):
                    continue;
                case IInvocationOperation invocation when invocation.Instance == reference && AwsTypes.InheritsFromOrEquals(replacementType, invocation.TargetMethod.ContainingType):
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }
}
