using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using Verify3001 = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.RoleTrustsAccountWithoutExternalIdRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.TrustPolicies;

/// <summary>
/// A trust principal that is wholly a run-time value is judged by what the code calls it: an account (named or typed)
/// is another account for CXA3001; a role or user ARN is a specific principal; anything else stays unknown.
/// </summary>
public class RuntimePrincipalTests
{
    [Fact]
    public Task JsonPrincipalNamedAsAnAccount_IsReported() => Verify3001.AnalyzerAsync(""""
        class Onboarding
        {
            private readonly string _accountArn = System.Environment.GetEnvironmentVariable("CUSTOMER") ?? "";

            string Concatenated(string customerAccount)
                => [|"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + customerAccount + "\"},\"Action\":\"sts:AssumeRole\"}]}"|];

            string Interpolated(string accountId)
                => [|$@"{{""Statement"":[{{""Effect"":""Allow"",""Principal"":{{""AWS"":""{accountId}""}},""Action"":""sts:AssumeRole""}}]}}"|];

            string Field()
                => [|$"{{\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"{_accountArn}\"}},\"Action\":\"sts:AssumeRole\"}}]}}"|];

            string Property(Customer customer)
                => [|"{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + customer.Account + "\"},\"Action\":\"sts:AssumeRole\"}]}"|];

            string Typed(AwsAccount who)
                => [|"{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + who + "\"},\"Action\":\"sts:AssumeRole\"}]}"|];
        }

        class Customer { public string Account { get; set; } = ""; }
        class AwsAccount { public override string ToString() => ""; }
        """", AwsSdk.V4);

    [Fact]
    public Task JsonPrincipalNamedAsARoleOrUnknown_OrNarrowed_IsNotReported() => Verify3001.AnalyzerAsync(""""
        class Onboarding
        {
            string Role(string customerRoleArn)
                => "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + customerRoleArn + "\"},\"Action\":\"sts:AssumeRole\"}]}";

            string User(string userArn)
                => $@"{{""Statement"":[{{""Effect"":""Allow"",""Principal"":{{""AWS"":""{userArn}""}},""Action"":""sts:AssumeRole""}}]}}";

            string AccountsRole(string accountRoleArn)
                => $@"{{""Statement"":[{{""Effect"":""Allow"",""Principal"":{{""AWS"":""{accountRoleArn}""}},""Action"":""sts:AssumeRole""}}]}}";

            string Unknown(string principal)
                => "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal + "\"},\"Action\":\"sts:AssumeRole\"}]}";

            string WithExternalId(string accountId, string externalId)
                => $@"{{""Statement"":[{{""Effect"":""Allow"",""Principal"":{{""AWS"":""{accountId}""}},""Action"":""sts:AssumeRole"",""Condition"":{{""StringEquals"":{{""sts:ExternalId"":""{externalId}""}}}}}}]}}";

            // An identity policy for another action names no principal at all.
            string OtherAction(string accountId)
                => $@"{{""Statement"":[{{""Effect"":""Allow"",""Principal"":{{""AWS"":""{accountId}""}},""Action"":""s3:GetObject"",""Resource"":""*""}}]}}";
        }
        """", AwsSdk.V4);

    [Fact]
    public Task CdkArnPrincipalWithARuntimeValue_IsJudgedByItsName() => Verify3001.AnalyzerAsync(CXA3001_RoleTrustsAccountWithoutExternalIdTests.Usings + """
        class TrustStack : Stack
        {
            public TrustStack(Construct scope, string id, string customerAccountArn, string partnerRoleArn, string principal, string externalId) : base(scope, id)
            {
                new Role(this, "Account", new RoleProps { AssumedBy = [|new ArnPrincipal(customerAccountArn)|] });
                new Role(this, "Role", new RoleProps { AssumedBy = new ArnPrincipal(partnerRoleArn) });
                new Role(this, "Unknown", new RoleProps { AssumedBy = new ArnPrincipal(principal) });
                new Role(this, "Narrowed", new RoleProps { AssumedBy = new ArnPrincipal(customerAccountArn), ExternalIds = new[] { externalId } });
            }
        }
        """, AwsSdk.Cdk);
}
