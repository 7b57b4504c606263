using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace CrossAccountAnalyzers.CodeFixes.Machinery;

/// <summary>A value that a fix can use as the ExternalId, with the text shown in the light bulb.</summary>
internal sealed class ExternalIdSource
{
    public ExternalIdSource(ExpressionSyntax expression, string display)
    {
        Expression = expression;
        Display = display;
    }

    public ExpressionSyntax Expression { get; }

    public string Display { get; }
}

/// <summary>
/// "Where does the ExternalId come from": a string in scope whose name says it is one, or configuration
/// (an <c>IConfiguration</c> in scope, else an environment variable), failing loudly when it is missing.
/// Shared by every fixer that needs an ExternalId (and a role ARN, by the same naming rules).
/// </summary>
internal static class ExternalIdSources
{
    public const string ConfigurationKey = "AWS:ExternalId";

    public static bool LooksLikeExternalId(string name) => NameEndsWith(name, "externalid");

    public static bool LooksLikeRoleArn(string name) => NameEndsWith(name, "rolearn");

    private static bool NameEndsWith(string name, string normalizedSuffix)
    {
        var normalized = new string(name.Where(c => c != '_' && c != '@').Select(char.ToLowerInvariant).ToArray());
        return normalized.EndsWith(normalizedSuffix, StringComparison.Ordinal);
    }

    /// <summary>The best in-scope string at <paramref name="node"/> whose name matches <paramref name="isMatch"/>, or null.</summary>
    public static ExternalIdSource? FindInScope(SemanticModel model, SyntaxNode node, Func<string, bool> isMatch, CancellationToken cancellationToken)
    {
        var position = node.SpanStart;
        var types = AwsTypes.Get(model.Compilation);
        var enclosing = model.GetEnclosingSymbol(position, cancellationToken);
        var staticContext = IsStaticContext(enclosing, node);
        var evaluator = HardCodedValueEvaluator.Get(model.Compilation);

        var candidates = new List<(int Rank, string Text, ISymbol Symbol)>();
        foreach (var symbol in model.LookupSymbols(position))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsUsable(symbol, position, staticContext, node, out var symbolType, out var baseRank))
            {
                continue;
            }

            // A constant is the same for every customer: exactly what CXA1002 reports, never a fix's source.
            if (symbol is ILocalSymbol { IsConst: true } || evaluator.IsHardCodedMember(symbol, cancellationToken))
            {
                continue;
            }

            if (symbolType.SpecialType == SpecialType.System_String)
            {
                if (isMatch(symbol.Name))
                {
                    candidates.Add((baseRank, Escape(symbol.Name), symbol));
                }

                continue;
            }

            // One level down: options.ExternalId, customer.ExternalId, settings.AwsExternalId. Never the AWS
            // objects' own ExternalId, which is what is missing.
            if (symbolType is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface } container
                || types.IsExternalIdCarrier(container) || AwsTypes.IsFromAwsSdk(container) || container.SpecialType != SpecialType.None)
            {
                continue;
            }

            foreach (var member in AllMembers(container))
            {
                if (member is not (IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null } or IFieldSymbol { IsStatic: false })
                    || !isMatch(member.Name)
                    || evaluator.IsHardCodedMember(member, cancellationToken)
                    || GetType(member)?.SpecialType != SpecialType.System_String
                    || !model.IsAccessible(position, member))
                {
                    continue;
                }

                candidates.Add((baseRank + 2, Escape(symbol.Name) + "." + Escape(member.Name), member));
            }
        }

        foreach (var candidate in candidates.OrderBy(c => c.Rank).ThenBy(c => c.Text.Length).ThenBy(c => c.Text, StringComparer.Ordinal))
        {
            var expression = ParseExpression(candidate.Text);
            var bound = model.GetSpeculativeSymbolInfo(position, expression, SpeculativeBindingOption.BindAsExpression).Symbol;
            if (SymbolEqualityComparer.Default.Equals(bound?.OriginalDefinition, candidate.Symbol.OriginalDefinition))
            {
                return new ExternalIdSource(expression, candidate.Text);
            }
        }

        return null;
    }

    public const string RoleArnConfigurationKey = "AWS:RoleArn";
    public const string RoleArnEnvironmentVariable = "AWS_ROLE_ARN";

    /// <summary>
    /// <c>configuration["AWS:ExternalId"] ?? throw ...</c> when an <c>IConfiguration</c> is in scope, else
    /// <c>Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") ?? throw ...</c>.
    /// </summary>
    public static ExternalIdSource FromConfiguration(SemanticModel model, SyntaxNode node, string environmentVariable, CancellationToken cancellationToken)
        => FromConfiguration(model, node, ConfigurationKey, environmentVariable, "ExternalId", cancellationToken);

    /// <summary>A configuration read of <paramref name="configurationKey"/> (or the environment variable) that throws when it is missing: never a silent null.</summary>
    public static ExternalIdSource FromConfiguration(SemanticModel model, SyntaxNode node, string configurationKey, string environmentVariable, string what, CancellationToken cancellationToken)
    {
        var requirement = what == "ExternalId" ? "set the ExternalId this customer's role trust policy requires." : "set the " + what + " to use.";
        var configuration = FindConfiguration(model, node, cancellationToken);
        if (configuration is not null)
        {
            var read = ElementAccessExpression(
                ParseExpression(configuration),
                BracketedArgumentList(SingletonSeparatedList(Argument(Literal(configurationKey)))));
            return new ExternalIdSource(ThrowIfNull(read, $"Configuration value '{configurationKey}' is missing: {requirement}"), $"{configuration}[\"{configurationKey}\"]");
        }

        var environment = InvocationExpression(
            ParseExpression("global::System.Environment.GetEnvironmentVariable").WithAdditionalAnnotations(Simplifier.Annotation),
            ArgumentList(SingletonSeparatedList(Argument(Literal(environmentVariable)))));
        return new ExternalIdSource(ThrowIfNull(environment, $"Environment variable '{environmentVariable}' is not set: {requirement}"), $"environment variable {environmentVariable}");
    }

    private static ExpressionSyntax Literal(string value) => LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value));

    private static ExpressionSyntax ThrowIfNull(ExpressionSyntax value, string message)
        => BinaryExpression(
            SyntaxKind.CoalesceExpression,
            value,
            ThrowExpression(
                ObjectCreationExpression(ParseTypeName("global::System.InvalidOperationException").WithAdditionalAnnotations(Simplifier.Annotation))
                    .WithArgumentList(ArgumentList(SingletonSeparatedList(Argument(Literal(message)))))))
        .NormalizeWhitespace();

    private static string? FindConfiguration(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        var iconfiguration = AwsTypes.Get(model.Compilation).IConfiguration;
        if (iconfiguration is null)
        {
            return null;
        }

        var position = node.SpanStart;
        var staticContext = IsStaticContext(model.GetEnclosingSymbol(position, cancellationToken), node);
        foreach (var symbol in model.LookupSymbols(position).OrderBy(s => s.Kind is SymbolKind.Local or SymbolKind.Parameter ? 0 : 1).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            if (IsUsable(symbol, position, staticContext, node, out var type, out _)
                && (SymbolEqualityComparer.Default.Equals(type, iconfiguration) || type.AllInterfaces.Contains(iconfiguration, SymbolEqualityComparer.Default)))
            {
                var expression = ParseExpression(Escape(symbol.Name));
                var bound = model.GetSpeculativeSymbolInfo(position, expression, SpeculativeBindingOption.BindAsExpression).Symbol;
                if (SymbolEqualityComparer.Default.Equals(bound, symbol))
                {
                    return Escape(symbol.Name);
                }
            }
        }

        return null;
    }

    private static bool IsUsable(ISymbol symbol, int position, bool staticContext, SyntaxNode node, out ITypeSymbol type, out int rank)
    {
        type = null!;
        rank = 0;
        switch (symbol)
        {
            case ILocalSymbol local:
                // Declared before the use, and not the variable being declared right here.
                var declaration = local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
                if (declaration is null || declaration.Span.End > position || declaration.Span.Contains(node.Span))
                {
                    return false;
                }

                type = local.Type;
                rank = 0;
                return true;
            case IParameterSymbol parameter:
                type = parameter.Type;
                rank = 0;
                return parameter.RefKind != RefKind.Out;
            case IFieldSymbol field when !field.IsImplicitlyDeclared:
                if (staticContext && !field.IsStatic)
                {
                    return false;
                }

                type = field.Type;
                rank = 1;
                return true;
            case IPropertySymbol { IsIndexer: false, GetMethod: not null } property:
                if (staticContext && !property.IsStatic)
                {
                    return false;
                }

                type = property.Type;
                rank = 1;
                return true;
            default:
                return false;
        }
    }

    private static bool IsStaticContext(ISymbol? enclosing, SyntaxNode node)
    {
        if (node.FirstAncestorOrSelf<SyntaxNode>(n => n is FieldDeclarationSyntax or ConstructorInitializerSyntax or AttributeSyntax) is not null)
        {
            return true;
        }

        for (var symbol = enclosing; symbol is not null; symbol = symbol.ContainingSymbol)
        {
            if (symbol is IMethodSymbol { MethodKind: MethodKind.LambdaMethod or MethodKind.LocalFunction } method)
            {
                if (method.IsStatic)
                {
                    return true;
                }

                continue;
            }

            return symbol.IsStatic;
        }

        return true;
    }

    private static IEnumerable<ISymbol> AllMembers(INamedTypeSymbol type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (seen.Add(member.Name))
                {
                    yield return member;
                }
            }
        }

        foreach (var iface in type.AllInterfaces)
        {
            foreach (var member in iface.GetMembers())
            {
                if (seen.Add(member.Name))
                {
                    yield return member;
                }
            }
        }
    }

    private static ITypeSymbol? GetType(ISymbol symbol) => symbol switch
    {
        IPropertySymbol p => p.Type,
        IFieldSymbol f => f.Type,
        _ => null,
    };

    private static string Escape(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
