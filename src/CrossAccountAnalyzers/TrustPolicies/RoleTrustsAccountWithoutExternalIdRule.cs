using System.Collections.Immutable;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.ExternalId;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CrossAccountAnalyzers.TrustPolicies;

/// <summary>CXA3001: a role that another account may assume, with no ExternalIds and no sts:ExternalId or aws:PrincipalArn condition.</summary>
internal sealed class RoleTrustsAccountWithoutExternalIdRule : CxaRule
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CXA3001_RoleTrustsAccountWithoutExternalId);

    protected internal override bool IsApplicable(AwsTypes types) => TrustPolicyReaders.IsApplicable(types);

    protected internal override void OnCompilationStart(RuleContext context, AwsTypes types)
        => TrustPolicyReaders.Register(context, types, trust =>
        {
            var trusted = CxaOptions.GetTrustedAccountIds(trust.Options, trust.Tree);
            foreach (var principal in trust.Statement.Principals)
            {
                if (TrustJudge.IsCrossAccountWithoutExternalId(trust.Statement, principal, trusted))
                {
                    var who = principal.Account is null ? "another account" : "account " + principal.Account;
                    if (trust.Props is { } props)
                    {
                        var properties = ImmutableDictionary<string, string?>.Empty.Add(ExternalIdFix.FixKindProperty, nameof(ExternalIdFixKind.ExternalIdsArray));
                        trust.Report(Diagnostic.Create(Descriptors.CXA3001_RoleTrustsAccountWithoutExternalId, principal.GetLocation(), new[] { props.Syntax.GetLocation() }, properties, who));
                    }
                    else if (trust.Policy is { } policy && trust.Statement.JsonIndex >= 0)
                    {
                        var properties = ImmutableDictionary<string, string?>.Empty
                            .Add(ExternalIdFix.FixKindProperty, nameof(ExternalIdFixKind.JsonCondition))
                            .Add(ExternalIdFix.JsonStatementProperty, trust.Statement.JsonIndex.ToString(System.Globalization.CultureInfo.InvariantCulture))
                            .Add(ExternalIdFix.JsonBuiltInCodeProperty, policy.HasHoles ? "true" : "false");
                        trust.Report(Diagnostic.Create(Descriptors.CXA3001_RoleTrustsAccountWithoutExternalId, principal.GetLocation(), new[] { policy.Expression.GetLocation() }, properties, who));
                    }
                    else if (trust.CdkStatement is { } cdk && StatementFix(cdk) is { } fix)
                    {
                        var properties = ImmutableDictionary<string, string?>.Empty.Add(ExternalIdFix.FixKindProperty, fix.Kind.ToString());
                        trust.Report(Diagnostic.Create(Descriptors.CXA3001_RoleTrustsAccountWithoutExternalId, principal.GetLocation(), new[] { fix.Target.GetLocation() }, properties, who));
                    }
                    else
                    {
                        trust.Report(Diagnostic.Create(Descriptors.CXA3001_RoleTrustsAccountWithoutExternalId, principal.GetLocation(), who));
                    }
                }
            }
        });

    /// <summary>
    /// Where a CDK statement's fix writes the condition: the <c>PolicyStatementProps</c> initializer when it sets no
    /// <c>Conditions</c>, else after the declaration of the local that holds the statement; null when neither applies.
    /// </summary>
    private static (ExternalIdFixKind Kind, SyntaxNode Target)? StatementFix(CdkStatement cdk)
    {
        if (cdk.Props is { Syntax: ObjectCreationExpressionSyntax props } && !cdk.ConditionsWritten)
        {
            return (ExternalIdFixKind.StatementConditions, props);
        }

        if (cdk.Holder is ILocalSymbol
            && cdk.Creation?.Syntax.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax declaration } } })
        {
            return (ExternalIdFixKind.StatementAddCondition, declaration);
        }

        return null;
    }
}
