using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.RoleTrustsAnyPrincipalRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.TrustPolicies;

public partial class CXA3002_RoleTrustsAnyPrincipalTests
{
    [Fact]
    public Task AnyPrincipal_WithoutNarrowing_IsReported() => VerifyCS.AnalyzerAsync(CXA3001_RoleTrustsAccountWithoutExternalIdTests.Usings + """
        class OpenStack : Stack
        {
            public OpenStack(Construct scope, string id) : base(scope, id)
            {
                new Role(this, "A", new RoleProps { AssumedBy = {|#0:new AnyPrincipal()|} });
                new Role(this, "B", new RoleProps { AssumedBy = [|new StarPrincipal()|] });
                new Role(this, "C", new RoleProps { AssumedBy = [|new ArnPrincipal("*")|] });
                new Role(this, "D", new RoleProps { AssumedBy = new CompositePrincipal([|new AnyPrincipal()|], new ServicePrincipal("ec2.amazonaws.com")) });
                new Role(this, "E", new RoleProps
                {
                    AssumedBy = [|new AnyPrincipal()|].WithConditions(new Dictionary<string, object>
                    {
                        { "Bool", new Dictionary<string, object> { { "aws:SecureTransport", "true" } } },
                    }),
                });
            }
        }
        """, AwsSdk.Cdk, VerifyCS.Diagnostic(Descriptors.CXA3002_RoleTrustsAnyPrincipal, 0).WithArguments("AnyPrincipal"));

    [Fact]
    public Task AnyPrincipal_Narrowed_IsNotReported() => VerifyCS.AnalyzerAsync(CXA3001_RoleTrustsAccountWithoutExternalIdTests.Usings + """
        class OpenStack : Stack
        {
            public OpenStack(Construct scope, string id, string externalId) : base(scope, id)
            {
                new Role(this, "Org", new RoleProps
                {
                    AssumedBy = new AnyPrincipal().WithConditions(new Dictionary<string, object>
                    {
                        { "StringEquals", new Dictionary<string, object> { { "aws:PrincipalOrgID", "o-abc123" } } },
                    }),
                });
                new Role(this, "Account", new RoleProps
                {
                    AssumedBy = new StarPrincipal().WithConditions(new Dictionary<string, object>
                    {
                        { "StringEquals", new Dictionary<string, object> { { "aws:principalaccount", new[] { "111122223333" } } } },
                    }),
                });
                new Role(this, "ExternalIds", new RoleProps { AssumedBy = new AnyPrincipal(), ExternalIds = new[] { externalId } });
                new Role(this, "Organization", new RoleProps { AssumedBy = new OrganizationPrincipal("o-abc123") });
                new Role(this, "Account2", new RoleProps { AssumedBy = new AccountPrincipal("111122223333") });
            }
        }
        """, AwsSdk.Cdk);
}
