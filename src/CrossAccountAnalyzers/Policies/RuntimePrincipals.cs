using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CrossAccountAnalyzers.Policies;

/// <summary>
/// A principal that is wholly a run-time value is judged by what the code calls it: named or typed as a role or user
/// (<c>roleArn</c>, <c>customerRoleArn</c>, <c>UserArn</c>) it is a specific principal; as an account
/// (<c>accountId</c>, <c>customerAccount</c>, <c>_accountArn</c>, an <c>Account</c> property, an <c>AccountId</c> type) it
/// is another account; anything else stays unknown.
/// </summary>
internal static class RuntimePrincipals
{
    public static TrustPrincipalKind Classify(ExpressionSyntax? expression, SemanticModel? model)
    {
        if (expression is null)
        {
            return TrustPrincipalKind.Unknown;
        }

        var name = NameOf(expression);
        var typeName = model?.GetTypeInfo(expression).Type is INamedTypeSymbol { SpecialType: not SpecialType.System_String and not SpecialType.System_Object } type ? type.Name : null;
        return ClassifyName(name) is var byName && byName != TrustPrincipalKind.Unknown ? byName : ClassifyName(typeName);
    }

    private static TrustPrincipalKind ClassifyName(string? name)
    {
        if (name is null)
        {
            return TrustPrincipalKind.Unknown;
        }

        // A role or user names the principal itself, even where the name also says whose account it is in.
        if (Contains(name, "role") || Contains(name, "user"))
        {
            return TrustPrincipalKind.Specific;
        }

        return Contains(name, "account") ? TrustPrincipalKind.Account : TrustPrincipalKind.Unknown;
    }

    private static bool Contains(string name, string word) => name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>The name the code gives the value: a local, parameter, field or property, or the method that returns it.</summary>
    private static string? NameOf(ExpressionSyntax expression) => expression switch
    {
        ParenthesizedExpressionSyntax parenthesized => NameOf(parenthesized.Expression),
        CastExpressionSyntax cast => NameOf(cast.Expression),
        PostfixUnaryExpressionSyntax suppressed => NameOf(suppressed.Operand),
        AwaitExpressionSyntax awaited => NameOf(awaited.Expression),
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        ConditionalAccessExpressionSyntax conditional => NameOf(conditional.WhenNotNull),
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        InvocationExpressionSyntax invocation when invocation.ArgumentList.Arguments.Count == 0 => NameOf(invocation.Expression),
        _ => null,
    };
}
