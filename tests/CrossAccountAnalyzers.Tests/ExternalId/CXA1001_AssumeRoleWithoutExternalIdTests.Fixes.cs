using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.ExternalId.AssumeRoleWithoutExternalIdRule,
    CrossAccountAnalyzers.CodeFixes.ExternalId.AssumeRoleWithoutExternalIdCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.ExternalId;

public partial class CXA1001_AssumeRoleWithoutExternalIdTests
{
    private const string InScope = "CXA1001.InScope";
    private const string Parameter = "CXA1001.Parameter";
    private const string Configuration = "CXA1001.Configuration";

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Fix_InScope_Parameter_MultiLineInitializer_KeepsCommentsAndLayout(AwsSdk sdk) => VerifyCS.CodeFixAsync(Usings + """
        class Vendor
        {
            async Task<Credentials> AssumeAsync(IAmazonSecurityTokenService sts, string roleArn, string externalId)
            {
                var response = await sts.AssumeRoleAsync([|new AssumeRoleRequest|]
                {
                    RoleArn = roleArn, // the customer's role
                    RoleSessionName = "vendor"
                });
                return response.Credentials;
            }
        }
        """, Usings + """
        class Vendor
        {
            async Task<Credentials> AssumeAsync(IAmazonSecurityTokenService sts, string roleArn, string externalId)
            {
                var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
                {
                    RoleArn = roleArn, // the customer's role
                    RoleSessionName = "vendor",
                    ExternalId = externalId
                });
                return response.Credentials;
            }
        }
        """, sdk, InScope);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Fix_InScope_MemberOfSettings_AndNullReplaced(AwsSdk sdk) => VerifyCS.CodeFixAsync(Usings + """
        class CustomerSettings { public string RoleArn { get; set; } public string ExternalId { get; set; } }

        class Vendor
        {
            void Build(CustomerSettings customer)
            {
                var request = [|new AssumeRoleRequest|] { RoleArn = customer.RoleArn, ExternalId = null };
            }
        }
        """, Usings + """
        class CustomerSettings { public string RoleArn { get; set; } public string ExternalId { get; set; } }

        class Vendor
        {
            void Build(CustomerSettings customer)
            {
                var request = new AssumeRoleRequest { RoleArn = customer.RoleArn, ExternalId = customer.ExternalId };
            }
        }
        """, sdk, InScope);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Fix_InScope_NeverTakesAConstant(AwsSdk sdk) => VerifyCS.CodeFixAsync(Usings + """
        class Vendor
        {
            private const string ExternalId = "acme-prod-2f9c1e";
            private static readonly string DefaultExternalId = "acme-default";
            private readonly string _externalId;

            Vendor(string externalId) { _externalId = externalId; }

            void Build(string roleArn)
            {
                var request = [|new AssumeRoleRequest|] { RoleArn = roleArn };
            }
        }
        """, Usings + """
        class Vendor
        {
            private const string ExternalId = "acme-prod-2f9c1e";
            private static readonly string DefaultExternalId = "acme-default";
            private readonly string _externalId;

            Vendor(string externalId) { _externalId = externalId; }

            void Build(string roleArn)
            {
                var request = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = _externalId };
            }
        }
        """, sdk, InScope);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Fix_InScope_Field_NoInitializer(AwsSdk sdk) => VerifyCS.CodeFixAsync(Usings + """
        class Vendor
        {
            private readonly string _externalId = Environment.GetEnvironmentVariable("X");

            void Build(string roleArn)
            {
                var request = [|new AssumeRoleRequest()|];
                request.RoleArn = roleArn;
            }
        }
        """, Usings + """
        class Vendor
        {
            private readonly string _externalId = Environment.GetEnvironmentVariable("X");

            void Build(string roleArn)
            {
                var request = new AssumeRoleRequest() { ExternalId = _externalId };
                request.RoleArn = roleArn;
            }
        }
        """, sdk, InScope);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Fix_InScope_CredentialsWithoutOptions_AddsOptions(AwsSdk sdk) => VerifyCS.CodeFixAsync(Usings + """
        class Vendor
        {
            AWSCredentials For(AWSCredentials source, string roleArn, string externalId)
            {
                return [|new AssumeRoleAWSCredentials(source, roleArn, "vendor-session")|];
            }

            AWSCredentials WithOptions(AWSCredentials source, string roleArn, string externalId)
            {
                var options = new AssumeRoleAWSCredentialsOptions { DurationSeconds = 900 };
                return [|new AssumeRoleAWSCredentials(source, roleArn, "s", options)|];
            }
        }
        """, Usings + """
        class Vendor
        {
            AWSCredentials For(AWSCredentials source, string roleArn, string externalId)
            {
                return new AssumeRoleAWSCredentials(source, roleArn, "vendor-session", new AssumeRoleAWSCredentialsOptions { ExternalId = externalId });
            }

            AWSCredentials WithOptions(AWSCredentials source, string roleArn, string externalId)
            {
                var options = new AssumeRoleAWSCredentialsOptions { DurationSeconds = 900, ExternalId = externalId };
                return new AssumeRoleAWSCredentials(source, roleArn, "s", options);
            }
        }
        """, sdk, InScope);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Fix_Configuration_EnvironmentVariable_FromOption(AwsSdk sdk) => VerifyCS.CodeFixAsync("""
        using Amazon.SecurityToken.Model;

        class Vendor
        {
            static object Build(string roleArn)
            {
                var request = [|new AssumeRoleRequest|] { RoleArn = roleArn };
                return null;
            }
        }
        """, """
        using Amazon.SecurityToken.Model;

        class Vendor
        {
            static object Build(string roleArn)
            {
                var request = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = System.Environment.GetEnvironmentVariable("CUSTOMER_EXTERNAL_ID") ?? throw new System.InvalidOperationException("Environment variable 'CUSTOMER_EXTERNAL_ID' is not set: set the ExternalId this customer's role trust policy requires.") };
                return null;
            }
        }
        """, sdk, Configuration, editorConfig: "cxa_external_id_environment_variable = CUSTOMER_EXTERNAL_ID");

    [Fact]
    public Task Fix_Configuration_IConfigurationInScope() => VerifyCS.CodeFixAsync("""
        using System;
        using Amazon.Extensions.NETCore.Setup;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        class Startup
        {
            private readonly IConfiguration _configuration;
            public Startup(IConfiguration configuration) => _configuration = configuration;

            public void ConfigureServices(IServiceCollection services)
            {
                services.AddDefaultAWSOptions([|new AWSOptions|] { SessionRoleArn = _configuration["AWS:RoleArn"] });
            }
        }
        """, """
        using System;
        using Amazon.Extensions.NETCore.Setup;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        class Startup
        {
            private readonly IConfiguration _configuration;
            public Startup(IConfiguration configuration) => _configuration = configuration;

            public void ConfigureServices(IServiceCollection services)
            {
                services.AddDefaultAWSOptions(new AWSOptions { SessionRoleArn = _configuration["AWS:RoleArn"], ExternalId = _configuration["AWS:ExternalId"] ?? throw new InvalidOperationException("Configuration value 'AWS:ExternalId' is missing: set the ExternalId this customer's role trust policy requires.") });
            }
        }
        """, AwsSdk.V4, Configuration);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Fix_Parameter_UpdatesCallersInOtherFiles(AwsSdk sdk) => VerifyCS.CodeFixAsync(
        new[]
        {
            ("/0/Accounts.cs", Usings + """
            public class CustomerAccounts
            {
                private readonly IAmazonSecurityTokenService _sts;
                public CustomerAccounts(IAmazonSecurityTokenService sts) => _sts = sts;

                public async Task<Credentials> AssumeAsync(string roleArn, int durationSeconds = 3600)
                {
                    var request = [|new AssumeRoleRequest|] { RoleArn = roleArn, RoleSessionName = "reports", DurationSeconds = durationSeconds };
                    return (await _sts.AssumeRoleAsync(request)).Credentials;
                }
            }
            """),
            ("/0/Callers.cs", """
            using System.Threading.Tasks;

            public class Callers
            {
                public Task WithValue(CustomerAccounts accounts, string arn, string customerExternalId) => accounts.AssumeAsync(arn, 900);
                public Task WithoutValue(CustomerAccounts accounts, string arn) => accounts.AssumeAsync(roleArn: arn);
            }
            """),
        },
        new[]
        {
            ("/0/Accounts.cs", Usings + """
            public class CustomerAccounts
            {
                private readonly IAmazonSecurityTokenService _sts;
                public CustomerAccounts(IAmazonSecurityTokenService sts) => _sts = sts;

                public async Task<Credentials> AssumeAsync(string roleArn, string externalId, int durationSeconds = 3600)
                {
                    var request = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "reports", DurationSeconds = durationSeconds, ExternalId = externalId };
                    return (await _sts.AssumeRoleAsync(request)).Credentials;
                }
            }
            """),
            ("/0/Callers.cs", """
            using System.Threading.Tasks;

            public class Callers
            {
                public Task WithValue(CustomerAccounts accounts, string arn, string customerExternalId) => accounts.AssumeAsync(arn, customerExternalId, 900);
                public Task WithoutValue(CustomerAccounts accounts, string arn) => accounts.AssumeAsync(roleArn: arn, externalId: System.Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") ?? throw new System.InvalidOperationException("Environment variable 'AWS_EXTERNAL_ID' is not set: set the ExternalId this customer's role trust policy requires."));
            }
            """),
        },
        sdk, Parameter);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task FixAll_InScope_ThreeOccurrencesInOneDocument(AwsSdk sdk) => VerifyCS.CodeFixAsync(Usings + """
        class Vendor
        {
            void Build(AWSCredentials source, string roleArn, string externalId)
            {
                var a = [|new AssumeRoleRequest|] { RoleArn = roleArn };
                var b = [|new AssumeRoleRequest()|];
                b.RoleArn = roleArn;
                var c = [|new AssumeRoleAWSCredentials(source, roleArn, "s")|];
                AssumeRoleRequest d = [|new()|] { RoleArn = roleArn, ExternalId = "" };
            }
        }
        """, Usings + """
        class Vendor
        {
            void Build(AWSCredentials source, string roleArn, string externalId)
            {
                var a = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = externalId };
                var b = new AssumeRoleRequest() { ExternalId = externalId };
                b.RoleArn = roleArn;
                var c = new AssumeRoleAWSCredentials(source, roleArn, "s", new AssumeRoleAWSCredentialsOptions { ExternalId = externalId });
                AssumeRoleRequest d = new() { RoleArn = roleArn, ExternalId = externalId };
            }
        }
        """, sdk, InScope);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task FixAll_Parameter_OneParameterPerMethod(AwsSdk sdk) => VerifyCS.CodeFixAsync(Usings + """
        class Vendor
        {
            void Build(AWSCredentials source, string roleArn)
            {
                var a = [|new AssumeRoleRequest|] { RoleArn = roleArn };
                var b = [|new AssumeRoleRequest|] { RoleArn = roleArn };
                var c = [|new AssumeRoleAWSCredentials(source, roleArn, "s")|];
            }

            void Caller(AWSCredentials source) => Build(source, "arn:aws:iam::123456789012:role/x");

            void Other(string roleArn)
            {
                var d = [|new AssumeRoleRequest|] { RoleArn = roleArn };
            }
        }
        """, Usings + """
        class Vendor
        {
            void Build(AWSCredentials source, string roleArn, string externalId)
            {
                var a = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = externalId };
                var b = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = externalId };
                var c = new AssumeRoleAWSCredentials(source, roleArn, "s", new AssumeRoleAWSCredentialsOptions { ExternalId = externalId });
            }

            void Caller(AWSCredentials source) => Build(source, "arn:aws:iam::123456789012:role/x", Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") ?? throw new InvalidOperationException("Environment variable 'AWS_EXTERNAL_ID' is not set: set the ExternalId this customer's role trust policy requires."));

            void Other(string roleArn, string externalId)
            {
                var d = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = externalId };
            }
        }
        """, sdk, Parameter);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task FixAll_Configuration_ThreeOccurrences(AwsSdk sdk) => VerifyCS.CodeFixAsync(Usings + """
        class Vendor
        {
            void Build(AWSCredentials source, string roleArn)
            {
                var a = [|new AssumeRoleRequest|] { RoleArn = roleArn };
                var b = [|new AssumeRoleRequest|]
                {
                    RoleArn = roleArn,
                };
                var c = [|new AssumeRoleAWSCredentials(source, roleArn, "s", null)|];
            }
        }
        """, Usings + """
        class Vendor
        {
            void Build(AWSCredentials source, string roleArn)
            {
                var a = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") ?? throw new InvalidOperationException("Environment variable 'AWS_EXTERNAL_ID' is not set: set the ExternalId this customer's role trust policy requires.") };
                var b = new AssumeRoleRequest
                {
                    RoleArn = roleArn,
                    ExternalId = Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") ?? throw new InvalidOperationException("Environment variable 'AWS_EXTERNAL_ID' is not set: set the ExternalId this customer's role trust policy requires."),
                };
                var c = new AssumeRoleAWSCredentials(source, roleArn, "s", new AssumeRoleAWSCredentialsOptions { ExternalId = Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") ?? throw new InvalidOperationException("Environment variable 'AWS_EXTERNAL_ID' is not set: set the ExternalId this customer's role trust policy requires.") });
            }
        }
        """, sdk, Configuration);
}
