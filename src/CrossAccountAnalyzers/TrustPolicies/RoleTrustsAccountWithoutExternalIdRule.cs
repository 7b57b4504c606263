using System.Collections.Immutable;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.ExternalId;
using Microsoft.CodeAnalysis;

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
                    else
                    {
                        trust.Report(Diagnostic.Create(Descriptors.CXA3001_RoleTrustsAccountWithoutExternalId, principal.GetLocation(), who));
                    }
                }
            }
        });
}
