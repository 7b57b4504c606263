using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using CrossAccountAnalyzers.Tests.TrustPolicies;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.ExternalId.ConstantExternalIdRule,
    CrossAccountAnalyzers.CodeFixes.ExternalId.ConstantExternalIdCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.ExternalId;

public partial class CXA1002_ConstantExternalIdTests
{
    private const string Usings = """
        using System;
        using Amazon.Runtime;
        using Amazon.SecurityToken.Model;

        """;

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task ConstantInEverySink_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            const string SharedId = "vendor-external-id";
            static readonly string Field = "from-a-field";

            void Build(string roleArn, AWSCredentials source)
            {
                var a = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = {|#0:"acme-prod"|} };
                var b = new AssumeRoleRequest { RoleArn = roleArn };
                b.ExternalId = [|SharedId|];
                var c = new AssumeRoleAWSCredentialsOptions { ExternalId = [|Field|] };
                var d = new AssumeRoleAWSCredentialsOptions { ExternalId = [|"prefix-" + SharedId|] };
            }
        }
        """, sdk, VerifyCS.Diagnostic(Descriptors.CXA1002_ConstantExternalId, 0).WithArguments("AssumeRoleRequest.ExternalId").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info));

    [Fact]
    public Task AwsOptionsAndCdk_AreReported() => VerifyCS.AnalyzerAsync(CXA3001_RoleTrustsAccountWithoutExternalIdTests.Usings + """
        using Amazon.Extensions.NETCore.Setup;

        class Stacks : Stack
        {
            public Stacks(Construct scope, string id) : base(scope, id)
            {
                var options = new AWSOptions { SessionRoleArn = "arn:aws:iam::111122223333:role/x", ExternalId = [|"shared"|] };
                new Role(this, "R", new RoleProps { AssumedBy = new AccountPrincipal("111122223333"), ExternalIds = new[] { [|"vendor-1"|], [|"vendor-2"|] } });
            }
        }
        """, AwsSdk.Cdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task PerCustomerValues_AreNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Customer { public string ExternalId { get; set; } = ""; }

        class Vendor
        {
            private string _rotating = "initial";
            public void Set(string value) => _rotating = value;

            void Build(string roleArn, Customer customer, string externalId)
            {
                var a = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = customer.ExternalId };
                var b = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = externalId };
                var c = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") };
                var d = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = _rotating };
                var e = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = $"{customer.ExternalId}" };
                var f = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = null };
                var g = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = "" };
                var h = new AssumeRoleWithWebIdentityRequest { RoleArn = roleArn, RoleSessionName = "web" };
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task SettableMemberDefault_IsNotAConstant_ConstantMembersAre(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Customer { public string ExternalId { get; set; } = "vendor-default"; }
        class TenantOptions { public string ExternalId { get; init; } = "vendor-default"; }
        class CustomerEntity { public string ExternalId = "vendor-default"; }

        class Fixed
        {
            public string GetOnly { get; } = "vendor-get-only";
            public string PrivateSet { get; private set; } = "vendor-private-set";
            public static string StaticSettable { get; set; } = "vendor-static";
        }

        class Vendor
        {
            void Build(string roleArn, Customer customer, TenantOptions options, CustomerEntity entity, Fixed fixedIds)
            {
                var a = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = customer.ExternalId };
                var b = new AssumeRoleAWSCredentialsOptions { ExternalId = options.ExternalId };
                var c = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = entity.ExternalId };
                var d = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = [|fixedIds.GetOnly|] };
                var e = new AssumeRoleAWSCredentialsOptions { ExternalId = [|fixedIds.PrivateSet|] };
                var f = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = [|Fixed.StaticSettable|] };
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Fix_Parameter_ReplacesTheConstant(AwsSdk sdk) => VerifyCS.CodeFixAsync(Usings + """
        class Vendor
        {
            AssumeRoleRequest Build(string roleArn) => new AssumeRoleRequest { RoleArn = roleArn, ExternalId = [|"acme-prod"|] };

            void Use() => Build("arn:aws:iam::111122223333:role/x");
        }
        """, Usings + """
        class Vendor
        {
            AssumeRoleRequest Build(string roleArn, string externalId) => new AssumeRoleRequest { RoleArn = roleArn, ExternalId = externalId };

            void Use() => Build("arn:aws:iam::111122223333:role/x", Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") ?? throw new InvalidOperationException("Environment variable 'AWS_EXTERNAL_ID' is not set: set the ExternalId this customer's role trust policy requires."));
        }
        """, sdk, "CXA1002.Parameter");

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task FixAll_Configuration(AwsSdk sdk) => VerifyCS.CodeFixAsync(Usings + """
        class Vendor
        {
            void Build(string roleArn)
            {
                var a = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = [|"one"|] };
                var b = new AssumeRoleAWSCredentialsOptions { ExternalId = [|"two"|] };
                var c = new AssumeRoleRequest { ExternalId = [|"three"|] };
            }
        }
        """, Usings + """
        class Vendor
        {
            void Build(string roleArn)
            {
                var a = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") ?? throw new InvalidOperationException("Environment variable 'AWS_EXTERNAL_ID' is not set: set the ExternalId this customer's role trust policy requires.") };
                var b = new AssumeRoleAWSCredentialsOptions { ExternalId = Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") ?? throw new InvalidOperationException("Environment variable 'AWS_EXTERNAL_ID' is not set: set the ExternalId this customer's role trust policy requires.") };
                var c = new AssumeRoleRequest { ExternalId = Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") ?? throw new InvalidOperationException("Environment variable 'AWS_EXTERNAL_ID' is not set: set the ExternalId this customer's role trust policy requires.") };
            }
        }
        """, sdk, "CXA1002.Configuration");

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task GuessableConstants_AreLeftToCXA1005_OneDiagnosticPerSpot(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            const string Account = "111122223333";

            void Build(string roleArn)
            {
                var a = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = {|#0:"REPLACE_ME"|} };
                var b = new AssumeRoleAWSCredentialsOptions { ExternalId = {|#1:Account|} };
                var c = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = {|#2:"acme-prod"|} };
            }
        }
        """, sdk,
        VerifyCS.Diagnostic(Descriptors.CXA1005_GuessableExternalId, 0).WithArguments("AssumeRoleRequest.ExternalId", "the documentation placeholder 'REPLACE_ME'"),
        VerifyCS.Diagnostic(Descriptors.CXA1005_GuessableExternalId, 1).WithArguments("AssumeRoleAWSCredentialsOptions.ExternalId", "a 12-digit AWS account ID"),
        VerifyCS.Diagnostic(Descriptors.CXA1002_ConstantExternalId, 2).WithArguments("AssumeRoleRequest.ExternalId").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info));

    [Fact]
    public Task GuessableConstants_WithCXA1005Off_AreStillReportedAsConstants() => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            void Build(string roleArn)
            {
                var a = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = [|"REPLACE_ME"|] };
                var b = new AssumeRoleAWSCredentialsOptions { ExternalId = [|"111122223333"|] };
            }
        }
        """, AwsSdk.V4);
}
