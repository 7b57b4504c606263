using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.RoleTrustsAccountWithoutExternalIdRule,
    CrossAccountAnalyzers.CodeFixes.TrustPolicies.RoleTrustsAccountWithoutExternalIdCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.TrustPolicies;

/// <summary>
/// Code that only partly binds (docs/partly-bound.md): the principal and the ExternalIds/conditions decide CXA3001;
/// the scope, the id or another property not binding changes nothing.
/// </summary>
public partial class CXA3001_RoleTrustsAccountWithoutExternalIdTests
{
    [Fact]
    public Task PartlyBound_PrincipalAndConditionsBind_IsReported() => VerifyCS.AnalyzerAsync(Usings + """
        class TrustStack : Stack
        {
            public TrustStack(Construct scope, string id) : base(scope, id)
            {
                new Role(this, "A", new RoleProps { AssumedBy = [|new AccountPrincipal("111122223333")|], RoleName = {|CS0103:Settings|}.Vendor });
                new Role(this, {|CS0103:Ids|}.Vendor, new RoleProps { AssumedBy = [|new AccountPrincipal("111122223333")|] });
                new Role({|CS0103:Missing|}.Scope, "C", new RoleProps { AssumedBy = [|new AccountPrincipal("444455556666")|] });
            }
        }
        """, AwsSdk.Cdk);

    [Fact]
    public Task PartlyBound_DecidingPartDoesNotBind_IsNotReported() => VerifyCS.AnalyzerAsync(Usings + """
        class TrustStack : Stack
        {
            public TrustStack(Construct scope, string id) : base(scope, id)
            {
                // The ExternalIds do not bind: they may be set.
                new Role(this, "A", new RoleProps { AssumedBy = new AccountPrincipal("111122223333"), ExternalIds = {|CS0103:Tenants|}.ExternalIds });
                // The principal does not bind.
                new Role(this, "B", new RoleProps { AssumedBy = {|CS0103:Principals|}.Vendor });
                new Role(this, "C", new RoleProps { AssumedBy = new {|CS0246:AccountPrincipalV9|}("111122223333") });
                // The conditions do not bind.
                new Role(this, "D", new RoleProps { AssumedBy = new AccountPrincipal("111122223333").WithConditions({|CS0103:Conditions|}.ExternalId) });
            }
        }
        """, AwsSdk.Cdk);
}
