using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.ExternalId.AssumeRoleWithoutExternalIdRule,
    CrossAccountAnalyzers.CodeFixes.ExternalId.AssumeRoleWithoutExternalIdCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.ExternalId;

/// <summary>A role ARN built from the caller's own identity (GetCallerIdentity's Account) is in the caller's account: no CXA1001.</summary>
public partial class CXA1001_AssumeRoleWithoutExternalIdTests
{
    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task RoleInTheCallersOwnAccount_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Deployer
        {
            private readonly IAmazonSecurityTokenService _sts;
            Deployer(IAmazonSecurityTokenService sts) => _sts = sts;

            async Task<AssumeRoleResponse> Interpolated()
            {
                var identity = await _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
                return await _sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{identity.Account}:role/Deploy", RoleSessionName = "deploy" });
            }

            async Task<AssumeRoleResponse> ThroughALocal()
            {
                var account = (await _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest())).Account;
                var roleArn = "arn:aws:iam::" + account + ":role/Deploy";
                var request = new AssumeRoleRequest();
                request.RoleArn = roleArn;
                request.RoleSessionName = "deploy";
                return await _sts.AssumeRoleAsync(request);
            }

            async Task<AssumeRoleResponse> Formatted()
            {
                var response = await _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
                return await _sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = string.Format("arn:aws:iam::{0}:role/Deploy", response.Account), RoleSessionName = "deploy" });
            }

            async Task<AssumeRoleResponse> OneHelperAway()
            {
                var account = await GetOwnAccountAsync();
                return await _sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{account}:role/Deploy", RoleSessionName = "deploy" });
            }

            async Task<AWSCredentials> Credentials(AWSCredentials source)
            {
                var identity = await _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
                return new AssumeRoleAWSCredentials(source, $"arn:aws:iam::{identity.Account}:role/Deploy", "deploy");
            }

            private async Task<string> GetOwnAccountAsync()
            {
                var identity = await _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
                return identity.Account;
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task RoleInAnotherAccount_NextToTheCallersIdentity_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            private readonly IAmazonSecurityTokenService _sts;
            Vendor(IAmazonSecurityTokenService sts) => _sts = sts;

            async Task<AssumeRoleResponse> CustomerAccount(string customerAccount)
            {
                // The caller's identity is read, but the ARN is built from the customer's account.
                var identity = await _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
                Console.WriteLine(identity.Account);
                return await _sts.AssumeRoleAsync([|new AssumeRoleRequest|] { RoleArn = $"arn:aws:iam::{customerAccount}:role/Reports", RoleSessionName = "r" });
            }

            async Task<AssumeRoleResponse> CallersUserId()
            {
                // Another property of the identity is not the account.
                var identity = await _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
                return await _sts.AssumeRoleAsync([|new AssumeRoleRequest|] { RoleArn = $"arn:aws:iam::{identity.UserId}:role/Reports", RoleSessionName = "r" });
            }

            async Task<AssumeRoleResponse> OwnAccountElsewhereInTheArn(Customer customer)
            {
                // The caller's account is in the role name; the ARN's account is the customer's.
                var me = await _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
                return await _sts.AssumeRoleAsync([|new AssumeRoleRequest|] { RoleArn = $"arn:aws:iam::{customer.Account}:role/{me.Account}-integration", RoleSessionName = "r" });
            }

            async Task<AssumeRoleResponse> ReassignedToTheCustomersRole(Customer? customer, string customerRoleArn)
            {
                // One of the values the local can hold is not in the caller's account.
                var me = await _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
                var arn = $"arn:aws:iam::{me.Account}:role/Self";
                if (customer != null)
                {
                    arn = customerRoleArn;
                }

                return await _sts.AssumeRoleAsync([|new AssumeRoleRequest|] { RoleArn = arn, RoleSessionName = "r" });
            }

            async Task<AssumeRoleResponse> LookAlikeAccountProperty(Customer customer)
                => await _sts.AssumeRoleAsync([|new AssumeRoleRequest|] { RoleArn = $"arn:aws:iam::{customer.Account}:role/Reports", RoleSessionName = "r" });
        }

        class Customer { public string Account { get; set; } = ""; }
        """, sdk);
}
