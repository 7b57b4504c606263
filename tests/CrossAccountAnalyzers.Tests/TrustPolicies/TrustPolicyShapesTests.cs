using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using Verify3001 = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.RoleTrustsAccountWithoutExternalIdRule,
    CrossAccountAnalyzers.CodeFixes.TrustPolicies.RoleTrustsAccountWithoutExternalIdCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.TrustPolicies;

/// <summary>Trust policies in every C# shape: CDK statements, CDK L1 documents, objects serialized to JSON.</summary>
public class TrustPolicyShapesTests
{
    private const string Usings = CXA3001_RoleTrustsAccountWithoutExternalIdTests.Usings;

    [Fact]
    public Task CdkStatement_WithProps_IsReported() => Verify3001.AnalyzerAsync(Usings + """
        class TrustStack : Stack
        {
            public TrustStack(Construct scope, string id) : base(scope, id)
            {
                var role = new Role(this, "R", new RoleProps { AssumedBy = new ServicePrincipal("lambda.amazonaws.com") });
                role.AssumeRolePolicy.AddStatements(new PolicyStatement(new PolicyStatementProps
                {
                    Principals = new IPrincipal[] { [|new AccountPrincipal("111122223333")|] },
                    Actions = new[] { "sts:AssumeRole" },
                }));
                var stmt = new PolicyStatement();
                stmt.AddActions("sts:*");
                [|stmt.AddAwsAccountPrincipal("444455556666")|];
                role.AssumeRolePolicy?.AddStatements(stmt);
            }
        }
        """, AwsSdk.Cdk);
}
