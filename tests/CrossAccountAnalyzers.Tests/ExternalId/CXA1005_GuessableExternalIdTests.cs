using System.Threading.Tasks;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Tests.Infrastructure;
using CrossAccountAnalyzers.Tests.TrustPolicies;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.ExternalId.GuessableExternalIdRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.ExternalId;

public class CXA1005_GuessableExternalIdTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using Amazon.Runtime;
        using Amazon.SecurityToken;
        using Amazon.SecurityToken.Model;

        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Reported(int markup, string sink, string reason)
        => VerifyCS.Diagnostic(markup).WithArguments(sink, reason);

    [Theory]
    [InlineData("SUPPLY-ME", true)]
    [InlineData("replace_me", true)]
    [InlineData("REPLACE-ME", true)]
    [InlineData("<external-id>", true)]
    [InlineData("ChangeMe", true)]
    [InlineData(" your-external-id ", true)]
    [InlineData("YOUR_EXTERNAL_ID", true)]
    [InlineData("externalid", true)]
    [InlineData("External-Id", true)]
    [InlineData("a1b2c3d4-0000-4000-8000-f00dfeedbeef", false)]
    [InlineData("replace-me-later-7f3a", false)]
    [InlineData("", false)]
    public void Placeholders_AreComparedCaseInsensitively(string value, bool expected) => Assert.Equal(expected, ExternalIdPlaceholders.IsPlaceholder(value));

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Constants_PlaceholdersAccountIdsAndArns_AreReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            const string CustomerAccount = "111122223333";

            void Build(string roleArn)
            {
                var a = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = {|#0:"REPLACE_ME"|} };
                var b = new AssumeRoleAWSCredentialsOptions { ExternalId = {|#1:CustomerAccount|} };
                var c = new AssumeRoleRequest { RoleArn = roleArn };
                c.ExternalId = {|#2:"arn:aws:iam::111122223333:role/Vendor"|};
                var d = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = {|#3:true ? "<external-id>" : "a1b2c3d4e5"|} };
            }
        }
        """, sdk,
        Reported(0, "AssumeRoleRequest.ExternalId", "the documentation placeholder 'REPLACE_ME'"),
        Reported(1, "AssumeRoleAWSCredentialsOptions.ExternalId", "a 12-digit AWS account ID"),
        Reported(2, "AssumeRoleRequest.ExternalId", "an ARN"),
        Reported(3, "AssumeRoleRequest.ExternalId", "the documentation placeholder '<external-id>'"));

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task TheRoleArnOrAPartOfIt_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Customer { public string RoleArn { get; set; } = ""; public string Name { get; set; } = ""; }

        class Vendor
        {
            void Build(Customer customer, string arn)
            {
                var a = new AssumeRoleRequest { RoleArn = customer.RoleArn, ExternalId = {|#0:customer.RoleArn|} };
                var b = new AssumeRoleRequest { RoleArn = arn, ExternalId = {|#1:arn.Split(':')[4]|} };
                var c = new AssumeRoleRequest { RoleArn = "arn:aws:iam::111122223333:role/AcmeIntegration", ExternalId = {|#2:"AcmeIntegration"|} };
                var d = new AssumeRoleRequest { RoleArn = arn };
                d.ExternalId = {|#3:arn.Substring(arn.LastIndexOf('/') + 1)|};
            }
        }
        """, sdk,
        Reported(0, "AssumeRoleRequest.ExternalId", "the role ARN of the same request"),
        Reported(1, "AssumeRoleRequest.ExternalId", "part of the role ARN of the same request"),
        Reported(2, "AssumeRoleRequest.ExternalId", "part of the role ARN of the same request"),
        Reported(3, "AssumeRoleRequest.ExternalId", "part of the role ARN of the same request"));

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task ValuesNamedOrTypedAsAccountIdsOrArns_AreReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        readonly record struct AccountId(string Value);
        class Customer { public string AccountId { get; set; } = ""; public string RoleArn { get; set; } = ""; public AccountId Account { get; set; } }

        class Vendor
        {
            async Task Build(IAmazonSecurityTokenService sts, Customer customer, string customerAccountId, string roleArn, string targetRoleArn)
            {
                var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
                var a = new AssumeRoleRequest { RoleArn = targetRoleArn, ExternalId = {|#0:customerAccountId|} };
                var b = new AssumeRoleRequest { RoleArn = targetRoleArn, ExternalId = {|#1:customer.AccountId.Trim()|} };
                var c = new AssumeRoleRequest { RoleArn = targetRoleArn, ExternalId = {|#2:identity.Account|} };
                var d = new AssumeRoleAWSCredentialsOptions { ExternalId = {|#3:roleArn|} };
                var e = new AssumeRoleRequest { RoleArn = targetRoleArn, ExternalId = {|#4:customer.Account.Value|} };
            }
        }
        """, sdk,
        Reported(0, "AssumeRoleRequest.ExternalId", "an AWS account ID ('customerAccountId')"),
        Reported(1, "AssumeRoleRequest.ExternalId", "an AWS account ID ('AccountId')"),
        Reported(2, "AssumeRoleRequest.ExternalId", "an AWS account ID ('Account')"),
        Reported(3, "AssumeRoleAWSCredentialsOptions.ExternalId", "an ARN ('roleArn')"),
        Reported(4, "AssumeRoleRequest.ExternalId", "an AWS account ID ('Account')"));

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task GeneratedAndStoredValues_AreNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Customer { public string RoleArn { get; set; } = ""; public string ExternalId { get; set; } = ""; public string AccountExternalId { get; set; } = ""; public string AccountId { get; set; } = ""; }

        class Vendor
        {
            const string Generated = "7f3a9c2e-5b1d-4e8a-9f00-2c6d8e1b4a77";

            void Build(Customer customer, string externalId, string accountId)
            {
                var a = new AssumeRoleRequest { RoleArn = customer.RoleArn, ExternalId = customer.ExternalId };
                var b = new AssumeRoleRequest { RoleArn = customer.RoleArn, ExternalId = externalId };
                var c = new AssumeRoleRequest { RoleArn = customer.RoleArn, ExternalId = customer.AccountExternalId };
                var d = new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{accountId}:role/Vendor", ExternalId = Guid.NewGuid().ToString() };
                var e = new AssumeRoleRequest { RoleArn = customer.RoleArn, ExternalId = Generated };
                var f = new AssumeRoleRequest { RoleArn = customer.RoleArn, ExternalId = "" };
                var g = new AssumeRoleRequest { RoleArn = "arn:aws:iam::111122223333:role/Vendor", ExternalId = "ab" };
                var h = new AssumeRoleRequest { RoleArn = customer.RoleArn, ExternalId = "1111222233334" };
            }
        }
        """, sdk);

    [Fact]
    public Task Cdk_ExternalIdsAndAddAccountCondition_AreReported() => VerifyCS.AnalyzerAsync(CXA3001_RoleTrustsAccountWithoutExternalIdTests.Usings + """
        using Amazon.Extensions.NETCore.Setup;

        class Stacks : Stack
        {
            public Stacks(Construct scope, string id, string customerAccountId) : base(scope, id)
            {
                new Role(this, "R", new RoleProps { AssumedBy = new AccountPrincipal("999988887777"), ExternalIds = new[] { {|#0:"999988887777"|}, "f2a61c0e-vendor-issued" } });
                new Role(this, "S", new RoleProps { AssumedBy = new AccountPrincipal(customerAccountId), ExternalIds = new[] { {|#1:customerAccountId|} } });

                var statement = new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" } });
                {|#2:statement.AddAccountCondition("999988887777")|};
                {|#3:statement.AddAccountCondition(customerAccountId)|};
                statement.AddCondition("StringEquals", new Dictionary<string, object> { ["sts:ExternalId"] = "f2a61c0e-vendor-issued" });

                var options = new AWSOptions { SessionRoleArn = "arn:aws:iam::999988887777:role/x", ExternalId = {|#4:"changeme"|} };
            }
        }
        """, AwsSdk.Cdk,
        Reported(0, "RoleProps.ExternalIds", "a 12-digit AWS account ID"),
        Reported(1, "RoleProps.ExternalIds", "an AWS account ID ('customerAccountId')"),
        Reported(2, "PolicyStatement.AddAccountCondition (it writes the condition sts:ExternalId)", "the AWS account ID it is given"),
        Reported(3, "PolicyStatement.AddAccountCondition (it writes the condition sts:ExternalId)", "the AWS account ID it is given"),
        Reported(4, "AWSOptions.ExternalId", "the documentation placeholder 'changeme'"));

    [Fact]
    public Task Cdk_AddAccountCondition_OnATrustStatement_IsReportedOnce() => VerifyCS.AnalyzerAsync(CXA3001_RoleTrustsAccountWithoutExternalIdTests.Usings + """
        class Stacks : Stack
        {
            public Stacks(Construct scope, string id) : base(scope, id)
            {
                var role = new Role(this, "R", new RoleProps { AssumedBy = new AccountRootPrincipal() });
                var statement = new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" } });
                statement.AddAccountRootPrincipal();
                {|#0:statement.AddAccountCondition("999988887777")|};
                role.AssumeRolePolicy.AddStatements(statement);
            }
        }
        """, AwsSdk.Cdk,
        Reported(0, "PolicyStatement.AddAccountCondition (it writes the condition sts:ExternalId)", "the AWS account ID it is given"));

    [Fact]
    public Task Cdk_PrincipalConditions_AreReported() => VerifyCS.AnalyzerAsync(CXA3001_RoleTrustsAccountWithoutExternalIdTests.Usings + """
        class Stacks : Stack
        {
            public Stacks(Construct scope, string id) : base(scope, id)
            {
                new Role(this, "R", new RoleProps
                {
                    AssumedBy = new AccountPrincipal("999988887777").WithConditions(new Dictionary<string, object>
                    {
                        ["StringEquals"] = new Dictionary<string, object> { ["sts:ExternalId"] = {|#0:"SUPPLY-ME"|} },
                    }),
                });
                new Role(this, "S", new RoleProps
                {
                    AssumedBy = new AccountPrincipal("999988887777").WithConditions(new Dictionary<string, object>
                    {
                        ["StringEquals"] = new Dictionary<string, object> { ["sts:ExternalId"] = "f2a61c0e-vendor-issued" },
                    }),
                });
            }
        }
        """, AwsSdk.Cdk, Reported(0, "the sts:ExternalId condition", "the documentation placeholder 'SUPPLY-ME'"));

    [Fact]
    public Task JsonTrustPolicyConditions_AreReported() => VerifyCS.AnalyzerAsync(""""
        namespace Amazon.IdentityManagement.Model
        {
            public class CreateRoleRequest { public string RoleName { get; set; } public string AssumeRolePolicyDocument { get; set; } }
        }

        class Roles
        {
            object Placeholder() => new Amazon.IdentityManagement.Model.CreateRoleRequest
            {
                AssumeRolePolicyDocument = """
                    {"Statement":[{"Effect":"Allow","Principal":{"AWS":"999988887777"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"{|#0:YOUR_EXTERNAL_ID|}"}}}]}
                    """,
            };

            object Account() => new Amazon.IdentityManagement.Model.CreateRoleRequest
            {
                AssumeRolePolicyDocument = """
                    {"Statement":[{"Effect":"Allow","Principal":{"AWS":"999988887777"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"{|#1:999988887777|}"}}}]}
                    """,
            };

            object Fine() => new Amazon.IdentityManagement.Model.CreateRoleRequest
            {
                AssumeRolePolicyDocument = """
                    {"Statement":[{"Effect":"Allow","Principal":{"AWS":"999988887777"},"Action":"sts:AssumeRole","Condition":{"StringLike":{"sts:ExternalId":"REPLACE_ME*"}}},
                                  {"Effect":"Allow","Principal":{"AWS":"999988887777"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"f2a61c0e-vendor-issued"}}}]}
                    """,
            };
        }
        """", AwsSdk.V4,
        Reported(0, "the sts:ExternalId condition", "the documentation placeholder 'YOUR_EXTERNAL_ID'"),
        Reported(1, "the sts:ExternalId condition", "a 12-digit AWS account ID"));

    [Fact]
    public Task WithoutAws_NothingIsReported() => VerifyCS.AnalyzerAsync("""
        class AssumeRoleRequest { public string ExternalId { get; set; } = ""; }
        class Vendor { AssumeRoleRequest Build() => new() { ExternalId = "REPLACE_ME" }; }
        """, AwsSdk.None);

    [Fact]
    public async Task IncompleteCode_NeverThrows()
    {
        // Code being typed: every prefix of a source with each guessable form, analyzed by every analyzer, throws nothing.
        const string Source = CXA3001_RoleTrustsAccountWithoutExternalIdTests.Usings + """
            using Amazon.SecurityToken.Model;

            class Stacks : Stack
            {
                public Stacks(Construct scope, string id, string customerAccountId, string roleArn) : base(scope, id)
                {
                    var request = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = roleArn.Split(':')[4] };
                    request.ExternalId = "REPLACE_ME";
                    new Role(this, "R", new RoleProps { AssumedBy = new AccountPrincipal(customerAccountId), ExternalIds = new[] { customerAccountId, "111122223333" } });
                    new PolicyStatement().AddAccountCondition(customerAccountId);
                }
            }
            """;
        var start = Source.IndexOf("class Stacks", System.StringComparison.Ordinal);
        for (var end = start; end <= Source.Length; end += 19)
        {
            var result = await AnalyzerRunner.RunAsync(AwsSdk.Cdk, Source.Substring(0, end));
            Assert.Empty(result.Exceptions);
        }

        var whole = await AnalyzerRunner.RunAsync(AwsSdk.Cdk, Source);
        Assert.Empty(whole.Exceptions);
        Assert.Equal(5, System.Linq.Enumerable.Count(whole.Diagnostics, d => d.Id == "CXA1005"));
    }
}
