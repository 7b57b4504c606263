using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.ExternalId.AssumeRoleWithoutExternalIdRule,
    CrossAccountAnalyzers.CodeFixes.ExternalId.AssumeRoleWithoutExternalIdCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.ExternalId;

public partial class CXA1001_AssumeRoleWithoutExternalIdTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using Amazon.Runtime;
        using Amazon.SecurityToken;
        using Amazon.SecurityToken.Model;

        """;

    // ---------------------------------------------------------------- reported

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Request_WithoutExternalId_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            async Task<Credentials> AssumeAsync(IAmazonSecurityTokenService sts, string roleArn)
            {
                var response = await sts.AssumeRoleAsync({|#0:new AssumeRoleRequest|}
                {
                    RoleArn = roleArn,
                    RoleSessionName = "vendor",
                });
                return response.Credentials;
            }
        }
        """, sdk, VerifyCS.Diagnostic().WithArguments("AssumeRoleRequest"));

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Request_PropertyAssignmentStyle_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            Credentials Assume(IAmazonSecurityTokenService sts, string roleArn)
            {
                var request = [|new AssumeRoleRequest()|];
                request.RoleArn = roleArn;
                request.RoleSessionName = "vendor";
                request.DurationSeconds = 900;
                return sts.AssumeRoleAsync(request).Result.Credentials;
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Request_TargetTypedNew_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            void Build(string roleArn)
            {
                AssumeRoleRequest request = [|new()|] { RoleArn = roleArn, RoleSessionName = "s" };
                Send(request);
            }
            void Send(object o) { }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Request_NewWithoutInitializer_Inline_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            Task<AssumeRoleResponse> Assume(IAmazonSecurityTokenService sts) => sts.AssumeRoleAsync([|new AssumeRoleRequest()|]);
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Request_ExternalIdNullOrEmpty_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            const string None = "";
            void Build(string roleArn)
            {
                var a = [|new AssumeRoleRequest|] { RoleArn = roleArn, ExternalId = null };
                var b = [|new AssumeRoleRequest|] { RoleArn = roleArn, ExternalId = "" };
                var c = [|new AssumeRoleRequest|] { RoleArn = roleArn, ExternalId = string.Empty };
                var d = [|new AssumeRoleRequest|] { RoleArn = roleArn };
                d.ExternalId = None;
                var e = [|new AssumeRoleRequest|] { RoleArn = roleArn, ExternalId = default };
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Request_InPrivateWrapper_IsReportedAtConstruction(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class CustomerAccounts
        {
            private readonly IAmazonSecurityTokenService _sts;
            public CustomerAccounts(IAmazonSecurityTokenService sts) => _sts = sts;

            public async Task<Credentials> ForCustomerAsync(string customerRoleArn) => await AssumeRoleAsync(customerRoleArn);

            private async Task<Credentials> AssumeRoleAsync(string roleArn)
            {
                var request = [|new AssumeRoleRequest|] { RoleArn = roleArn, RoleSessionName = "reports" };
                var response = await _sts.AssumeRoleAsync(request);
                return response.Credentials;
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Request_InLambdaResult_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            Func<string, AssumeRoleRequest> Factory = arn => [|new AssumeRoleRequest|] { RoleArn = arn, RoleSessionName = "s" };

            void Local()
            {
                Func<string, Task<AssumeRoleResponse>> send = arn => new AmazonSecurityTokenServiceClient().AssumeRoleAsync([|new AssumeRoleRequest|] { RoleArn = arn });
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Credentials_WithoutOptions_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            AWSCredentials For(AWSCredentials source, string roleArn)
                => {|#0:new AssumeRoleAWSCredentials(source, roleArn, "vendor-session")|};
        }
        """, sdk, VerifyCS.Diagnostic().WithArguments("AssumeRoleAWSCredentials"));

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Credentials_OptionsWithoutExternalId_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            AWSCredentials Inline(AWSCredentials source, string roleArn)
                => [|new AssumeRoleAWSCredentials(source, roleArn, "s", new AssumeRoleAWSCredentialsOptions { DurationSeconds = 900 })|];

            AWSCredentials InLocal(AWSCredentials source, string roleArn)
            {
                var options = new AssumeRoleAWSCredentialsOptions();
                options.DurationSeconds = 900;
                return [|new AssumeRoleAWSCredentials(source, roleArn, "s", options)|];
            }

            AWSCredentials Null(AWSCredentials source, string roleArn)
                => [|new AssumeRoleAWSCredentials(source, roleArn, "s", null)|];
        }
        """, sdk);

    [Fact]
    public Task AwsOptions_SessionRoleArnWithoutExternalId_IsReported() => VerifyCS.AnalyzerAsync("""
        using Amazon.Extensions.NETCore.Setup;
        using Microsoft.Extensions.DependencyInjection;

        static class CustomerSetup
        {
            public static IServiceCollection AddCustomerAccount(this IServiceCollection services, string roleArn)
                => services.AddDefaultAWSOptions({|#0:new AWSOptions|} { SessionRoleArn = roleArn, SessionName = "vendor" });

            public static void Later(IServiceCollection services, string roleArn)
            {
                var options = {|#1:new AWSOptions()|};
                options.SessionRoleArn = roleArn;
                services.AddDefaultAWSOptions(options);
            }
        }
        """, AwsSdk.V4,
        VerifyCS.Diagnostic(0).WithArguments("AWSOptions with a SessionRoleArn"),
        VerifyCS.Diagnostic(1).WithArguments("AWSOptions with a SessionRoleArn"));

    // ---------------------------------------------------------------- not reported

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Request_ExternalIdSet_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            void Build(string roleArn, string externalId, bool thirdParty, string[] ids)
            {
                var inInitializer = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = externalId };

                var inIf = new AssumeRoleRequest { RoleArn = roleArn };
                if (thirdParty) inIf.ExternalId = externalId;

                var inElse = new AssumeRoleRequest { RoleArn = roleArn };
                if (!thirdParty) { } else { inElse.ExternalId = externalId; }

                var inLoop = new AssumeRoleRequest { RoleArn = roleArn };
                foreach (var id in ids) inLoop.ExternalId = id;

                var inTry = new AssumeRoleRequest();
                try { inTry.ExternalId = Load(); } catch (Exception) { throw; }

                var ternary = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = thirdParty ? externalId : null };

                var coalesce = new AssumeRoleRequest { RoleArn = roleArn };
                coalesce.ExternalId ??= externalId;

                var inLambda = new AssumeRoleRequest { RoleArn = roleArn };
                Action later = () => inLambda.ExternalId = externalId;
            }

            string Load() => "x";
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Request_SetThroughAliasOrHelper_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            void Build(string roleArn, string externalId)
            {
                var request = new AssumeRoleRequest { RoleArn = roleArn };
                var alias = request;
                alias.ExternalId = externalId;

                var byRef = new AssumeRoleRequest { RoleArn = roleArn };
                ApplyExternalId(ref byRef);

                var viaHelper = new AssumeRoleRequest { RoleArn = roleArn };
                Configure(viaHelper);

                var viaExtension = new AssumeRoleRequest { RoleArn = roleArn };
                viaExtension.ForCustomer("customer-1");
            }

            static void ApplyExternalId(ref AssumeRoleRequest request) => request.ExternalId = "from-store";
            static void Configure(AssumeRoleRequest request) => request.ExternalId = "from-store";
        }

        static class Extensions
        {
            public static AssumeRoleRequest ForCustomer(this AssumeRoleRequest request, string customer) { request.ExternalId = customer; return request; }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Request_ReturnedFromFactory_DependsOnCallers(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            // Callers complete it: not reported.
            AssumeRoleRequest Create(string roleArn) => new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "s" };

            AssumeRoleRequest CreateForCustomer(string roleArn)
            {
                var request = new AssumeRoleRequest { RoleArn = roleArn };
                return request;
            }

            // No caller sets it: reported where it is built.
            AssumeRoleRequest Incomplete(string roleArn) => [|new AssumeRoleRequest|] { RoleArn = roleArn };

            async Task Use(IAmazonSecurityTokenService sts, string roleArn, string externalId)
            {
                var request = Create(roleArn);
                request.ExternalId = externalId;
                var other = CreateForCustomer(roleArn);
                other.ExternalId = externalId;
                await sts.AssumeRoleAsync(other);
                await sts.AssumeRoleAsync(Incomplete(roleArn));
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Request_StoredInFieldConfiguredElsewhere_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            private readonly AssumeRoleRequest _request = new AssumeRoleRequest { RoleSessionName = "s" };
            private readonly AssumeRoleRequest _unconfigured = [|new AssumeRoleRequest|] { RoleSessionName = "s" };

            public void ForCustomer(string roleArn, string externalId)
            {
                _request.RoleArn = roleArn;
                _request.ExternalId = externalId;
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Credentials_WithExternalIdOrUnknownOptions_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            AWSCredentials Inline(AWSCredentials source, string roleArn, string externalId)
                => new AssumeRoleAWSCredentials(source, roleArn, "s", new AssumeRoleAWSCredentialsOptions { ExternalId = externalId });

            AWSCredentials InLocal(AWSCredentials source, string roleArn, string externalId)
            {
                var options = new AssumeRoleAWSCredentialsOptions { DurationSeconds = 900 };
                if (externalId != null) options.ExternalId = externalId;
                return new AssumeRoleAWSCredentials(source, roleArn, "s", options);
            }

            AWSCredentials FromParameter(AWSCredentials source, string roleArn, AssumeRoleAWSCredentialsOptions options)
                => new AssumeRoleAWSCredentials(source, roleArn, "s", options);

            AWSCredentials FromFactory(AWSCredentials source, string roleArn)
                => new AssumeRoleAWSCredentials(source, roleArn, "s", CreateOptions());

            AssumeRoleAWSCredentialsOptions CreateOptions() => new AssumeRoleAWSCredentialsOptions { ExternalId = "x" };
        }
        """, sdk);

    [Fact]
    public Task AwsOptions_V3HasNoRoleSession_IsNotReported() => VerifyCS.AnalyzerAsync("""
        using Amazon.Extensions.NETCore.Setup;

        class Startup
        {
            void Build()
            {
                var options = new AWSOptions { Profile = "dev", ProfilesLocation = "/tmp/credentials" };
            }
        }
        """, AwsSdk.V3);

    [Fact]
    public Task AwsOptions_WithoutRoleOrWithExternalId_IsNotReported() => VerifyCS.AnalyzerAsync("""
        using Amazon.Extensions.NETCore.Setup;

        class Startup
        {
            AWSOptions NoRole() => new AWSOptions { Profile = "dev" };
            AWSOptions NullRole() => new AWSOptions { SessionRoleArn = null };
            AWSOptions WithExternalId(string roleArn, string externalId) => new AWSOptions { SessionRoleArn = roleArn, ExternalId = externalId };

            void Existing(AWSOptions fromConfiguration, string roleArn)
            {
                // Not created here: configuration may carry the ExternalId.
                fromConfiguration.SessionRoleArn = roleArn;
            }
        }
        """, AwsSdk.V4);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task OtherAssumeRoleRequests_AreNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Federation
        {
            object Web(string roleArn, string token) => new AssumeRoleWithWebIdentityRequest { RoleArn = roleArn, WebIdentityToken = token, RoleSessionName = "s" };
            object Saml(string roleArn, string assertion) => new AssumeRoleWithSAMLRequest { RoleArn = roleArn, SAMLAssertion = assertion };
            object Caller() => new GetCallerIdentityRequest();
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Request_HandedToLibraryCode_IsStillReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        using System.Collections.Generic;

        class Batch
        {
            void Build(string[] roleArns)
            {
                var requests = new List<AssumeRoleRequest>();
                foreach (var arn in roleArns)
                {
                    requests.Add([|new AssumeRoleRequest|] { RoleArn = arn, RoleSessionName = "batch" });
                }

                var logged = [|new AssumeRoleRequest|] { RoleArn = roleArns[0] };
                Console.WriteLine(logged);
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Request_InNestedInitializer_ConfiguredThroughHolder_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Job { public AssumeRoleRequest Request { get; set; } }

        class Scheduler
        {
            Job Plan(string roleArn, string externalId)
            {
                var job = new Job { Request = new AssumeRoleRequest { RoleArn = roleArn } };
                job.Request.ExternalId = externalId;
                return job;
            }

            Job Unconfigured(string roleArn) => new Job { Request = [|new AssumeRoleRequest|] { RoleArn = roleArn } };
        }
        """, sdk);

    // ---------------------------------------------------------------- options

    private const string TrustedConfig = "cxa_trusted_account_ids = 111122223333, 444455556666";

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task TrustedAccount_ConstantRoleArn_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Internal
        {
            const string Deploy = "arn:aws:iam::111122223333:role/Deploy";
            static readonly string Audit = "arn:aws-us-gov:iam::444455556666:role/Audit";

            void Build(AWSCredentials source, bool prod)
            {
                var a = new AssumeRoleRequest { RoleArn = Deploy, RoleSessionName = "ci" };
                var b = new AssumeRoleRequest { RoleArn = prod ? Deploy : Audit };
                var c = new AssumeRoleAWSCredentials(source, "arn:aws:iam::111122223333:role/" + "Reader", "s");
            }
        }
        """, sdk, TrustedConfig);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task TrustedAccount_OtherOrUnknownRoleArn_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            void Build(string customerRoleArn, bool prod)
            {
                var customer = [|new AssumeRoleRequest|] { RoleArn = "arn:aws:iam::999988887777:role/Vendor" };
                var parameter = [|new AssumeRoleRequest|] { RoleArn = customerRoleArn };
                var mixed = [|new AssumeRoleRequest|] { RoleArn = prod ? "arn:aws:iam::111122223333:role/A" : customerRoleArn };
                var none = [|new AssumeRoleRequest()|];
            }
        }
        """, sdk, TrustedConfig);

    [Fact]
    public Task TrustedAccount_OptionIsPerFile() => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            void Build()
            {
                var request = [|new AssumeRoleRequest|] { RoleArn = "arn:aws:iam::111122223333:role/Deploy" };
            }
        }
        """, AwsSdk.V4, "cxa_trusted_account_ids = not-an-account, 12345");

    // ---------------------------------------------------------------- no AWS, generated code, code being typed

    [Fact]
    public Task NoAwsReference_LookAlikeTypes_AreNotReported() => VerifyCS.AnalyzerAsync("""
        namespace MyCompany.Security
        {
            class AssumeRoleRequest { public string RoleArn { get; set; } public string ExternalId { get; set; } }
            class AWSOptions { public string SessionRoleArn { get; set; } }
            class Use
            {
                object A() => new AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:role/x" };
                object B() => new AWSOptions { SessionRoleArn = "arn:aws:iam::123456789012:role/x" };
            }
        }
        """, AwsSdk.None);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task GeneratedCode_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync("""
        // <auto-generated/>
        using Amazon.SecurityToken.Model;

        class Generated
        {
            object A(string roleArn) => new AssumeRoleRequest { RoleArn = roleArn };
        }
        """, sdk);
}
