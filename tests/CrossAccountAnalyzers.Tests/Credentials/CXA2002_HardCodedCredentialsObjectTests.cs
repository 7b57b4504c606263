using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using static CrossAccountAnalyzers.Tests.Infrastructure.TestSecrets;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.Credentials.HardCodedCredentialsObjectRule,
    CrossAccountAnalyzers.CodeFixes.Credentials.HardCodedCredentialsObjectCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.Credentials;

public partial class CXA2002_HardCodedCredentialsObjectTests
{
    private const string Usings = """
        using System;
        using Amazon;
        using Amazon.Runtime;
        using Amazon.Runtime.CredentialManagement;
        using Amazon.S3;

        """;

    // ---------------------------------------------------------------- reported

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task CredentialTypes_AreReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + $$"""
        class Keys
        {
            void Build()
            {
                AWSCredentials basic = {|#0:new BasicAWSCredentials("{{KeyId}}", "{{SecretKey}}")|};
                AWSCredentials session = [|new SessionAWSCredentials("{{TemporaryKeyId}}", "{{SecretKey}}", "{{SessionToken}}")|];
                var immutable = [|new ImmutableCredentials("{{KeyId}}", "{{SecretKey}}", null)|];
                AWSCredentials sts = [|new Amazon.SecurityToken.Model.Credentials("{{TemporaryKeyId}}", "{{SecretKey}}", "{{SessionToken}}", DateTime.UtcNow)|];
            }
        }
        """, sdk, VerifyCS.Diagnostic().WithArguments("BasicAWSCredentials", " (access key ID AKIA************NNBY)"));

    [Fact]
    public Task V4AccountIdOverloads_AreReported() => VerifyCS.AnalyzerAsync(Usings + $$"""
        class Keys
        {
            void Build()
            {
                var a = [|new BasicAWSCredentials("{{KeyId}}", "{{SecretKey}}", "111122223333")|];
                var b = [|new SessionAWSCredentials("{{TemporaryKeyId}}", "{{SecretKey}}", "{{SessionToken}}", "111122223333")|];
            }
        }
        """, AwsSdk.V4);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task CredentialProfileOptions_AreReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + $$"""
        class Profiles
        {
            void Build()
            {
                var options = new CredentialProfileOptions { [|AccessKey = "{{KeyId}}"|], [|SecretKey = "{{SecretKey}}"|] };
                var later = new CredentialProfileOptions();
                [|later.Token = "{{SessionToken}}"|];
                var fine = new CredentialProfileOptions { RoleArn = "arn:aws:iam::111122223333:role/x", SourceProfile = "default" };
            }
        }
        """, sdk);

    [Fact]
    public Task V3ProfileManager_IsReported() => VerifyCS.AnalyzerAsync("""
        #pragma warning disable CS0618
        using Amazon.Util;

        class Legacy
        {
            const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9Secret0";

            void Register(AWSCredentialsProfile profile)
            {
                [|ProfileManager.RegisterProfile("prod", "AKIARTX3GSDS7FJONNBY", Secret)|];
                [|AWSCredentialsProfile.Persist("prod", "AKIARTX3GSDS7FJONNBY", Secret)|];
                ProfileManager.RegisterProfile("dev", System.Environment.GetEnvironmentVariable("ID"), System.Environment.GetEnvironmentVariable("SECRET"));
            }
        }
        """, AwsSdk.V3);

    [Fact]
    public Task InsideAwsOptions_IsReported() => VerifyCS.AnalyzerAsync($$"""
        using Amazon.Extensions.NETCore.Setup;
        using Amazon.Runtime;

        class Startup
        {
            AWSOptions Options() => new AWSOptions { Credentials = [|new SessionAWSCredentials("{{TemporaryKeyId}}", "{{SecretKey}}", "{{SessionToken}}")|] };
        }
        """, AwsSdk.V4);

    // ---------------------------------------------------------------- not reported

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task EmulatorClientsAndDummies_AreNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + $$"""
        class LocalStack
        {
            void Build(string id, string secret)
            {
                var straight = new AmazonS3Client(new BasicAWSCredentials("{{KeyId}}", "{{SecretKey}}"), new AmazonS3Config { ServiceURL = "http://localhost:4566" });

                var creds = new BasicAWSCredentials("ak", "sk");
                var viaLocal = new AmazonS3Client(creds, new AmazonS3Config { ServiceURL = "http://localstack:4566" });

                var dummies = new BasicAWSCredentials("test", "test");
                var fromParameters = new BasicAWSCredentials(id, secret);
                var empty = new SessionAWSCredentials("", "", "");

                var remote = new AmazonS3Client([|new BasicAWSCredentials("ak", "sk")|], new AmazonS3Config { ServiceURL = "https://s3.example.com" });
            }
        }
        """, sdk);

    [Fact]
    public Task AwsOptionsWithEmulatorDefaultClientConfig_IsNotReported() => VerifyCS.AnalyzerAsync("""
        using Amazon.Extensions.NETCore.Setup;
        using Amazon.Runtime;

        class Startup
        {
            AWSOptions Options() => new AWSOptions
            {
                Credentials = new BasicAWSCredentials("ak", "sk"),
                DefaultClientConfig = { ServiceURL = "http://localhost:4566" },
            };
        }
        """, AwsSdk.V4);

    [Fact]
    public Task NoAwsReference_IsNotReported() => VerifyCS.AnalyzerAsync("""
        class BasicAWSCredentials { public BasicAWSCredentials(string accessKey, string secretKey) { } }
        class Use { object M() => new BasicAWSCredentials("AKIARTX3GSDS7FJONNBY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9Secret0"); }
        """, AwsSdk.None);

    // ---------------------------------------------------------------- fixes

    [Fact]
    public Task Fix_DefaultChain_V4UsesIdentityResolver() => VerifyCS.CodeFixAsync(Usings + $$"""
        class Keys
        {
            IAmazonS3 Client() => new AmazonS3Client([|new BasicAWSCredentials("{{KeyId}}", "{{SecretKey}}")|], RegionEndpoint.USEast1);

            AWSCredentials Credentials()
            {
                var credentials = [|new SessionAWSCredentials("{{TemporaryKeyId}}", "{{SecretKey}}", "{{SessionToken}}")|];
                return credentials;
            }
        }
        """, Usings + """
        class Keys
        {
            IAmazonS3 Client() => new AmazonS3Client(Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials(), RegionEndpoint.USEast1);

            AWSCredentials Credentials()
            {
                var credentials = Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials();
                return credentials;
            }
        }
        """, AwsSdk.V4, "CXA2002.DefaultChain");

    [Fact]
    public Task Fix_DefaultChain_V3UsesFallbackFactory() => VerifyCS.CodeFixAsync(Usings + $$"""
        class Keys
        {
            IAmazonS3 Client() => new AmazonS3Client([|new BasicAWSCredentials("{{KeyId}}", "{{SecretKey}}")|], RegionEndpoint.USEast1);
        }
        """, Usings + """
        class Keys
        {
            IAmazonS3 Client() => new AmazonS3Client(FallbackCredentialsFactory.GetCredentials(), RegionEndpoint.USEast1);
        }
        """, AwsSdk.V3, "CXA2002.DefaultChain");

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Fix_DefaultChain_NotOfferedWhereTheTypeMatters(AwsSdk sdk) => VerifyCS.CodeFixAsync(Usings + $$"""
        class Keys
        {
            BasicAWSCredentials Exact() => [|new BasicAWSCredentials("{{KeyId}}", "{{SecretKey}}")|];
        }
        """, Usings + $$"""
        class Keys
        {
            BasicAWSCredentials Exact() => [|new BasicAWSCredentials("{{KeyId}}", "{{SecretKey}}")|];
        }
        """, sdk, "CXA2002.DefaultChain");

    [Fact]
    public Task Fix_Sts_ForCredentialsObject() => VerifyCS.CodeFixAsync(Usings + $$"""
        class Vendor
        {
            private readonly string _externalId = Environment.GetEnvironmentVariable("X") ?? "";

            IAmazonS3 For(string roleArn) => new AmazonS3Client([|new BasicAWSCredentials("{{KeyId}}", "{{SecretKey}}")|]);
        }
        """, Usings + """
        class Vendor
        {
            private readonly string _externalId = Environment.GetEnvironmentVariable("X") ?? "";

            IAmazonS3 For(string roleArn) => new AmazonS3Client(new AssumeRoleAWSCredentials(Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials(), roleArn, "Vendor", new AssumeRoleAWSCredentialsOptions { ExternalId = _externalId }));
        }
        """, AwsSdk.V4, "CXA2002.Sts");

    [Fact]
    public Task FixAll_DefaultChain_ThreeObjects() => VerifyCS.CodeFixAsync(Usings + $$"""
        class Keys
        {
            void Build()
            {
                var a = new AmazonS3Client([|new BasicAWSCredentials("{{KeyId}}", "{{SecretKey}}")|]);
                var b = new AmazonS3Client([|new BasicAWSCredentials("{{OldKeyId}}", "{{SecretKey}}")|], RegionEndpoint.USEast1);
                AWSCredentials c = [|new SessionAWSCredentials("{{TemporaryKeyId}}", "{{SecretKey}}", "{{SessionToken}}")|];
            }
        }
        """, Usings + """
        class Keys
        {
            void Build()
            {
                var a = new AmazonS3Client(Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials());
                var b = new AmazonS3Client(Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials(), RegionEndpoint.USEast1);
                AWSCredentials c = Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials();
            }
        }
        """, AwsSdk.V4, "CXA2002.DefaultChain");

    [Fact]
    public Task Fix_Sts_RetypesADeclaredLocal() => VerifyCS.CodeFixAsync(Usings + $$"""
        class Vendor
        {
            IAmazonS3 For(string roleArn, string externalId)
            {
                // Keys pasted from the console.
                BasicAWSCredentials credentials = [|new BasicAWSCredentials("{{KeyId}}", "{{SecretKey}}")|];
                return new AmazonS3Client(credentials, RegionEndpoint.EUWest1);
            }
        }
        """, Usings + """
        class Vendor
        {
            IAmazonS3 For(string roleArn, string externalId)
            {
                // Keys pasted from the console.
                AWSCredentials credentials = new AssumeRoleAWSCredentials(Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials(), roleArn, "Vendor", new AssumeRoleAWSCredentialsOptions { ExternalId = externalId });
                return new AmazonS3Client(credentials, RegionEndpoint.EUWest1);
            }
        }
        """, AwsSdk.V4, "CXA2002.Sts");

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Fix_DefaultChain_RetypesADeclaredLocal(AwsSdk sdk) => VerifyCS.CodeFixAsync(Usings + $$"""
        class Vendor
        {
            IAmazonS3 For()
            {
                BasicAWSCredentials credentials = [|new BasicAWSCredentials("{{KeyId}}", "{{SecretKey}}")|];
                return new AmazonS3Client(credentials);
            }
        }
        """, Usings + """
        class Vendor
        {
            IAmazonS3 For()
            {
                AWSCredentials credentials = DEFAULT;
                return new AmazonS3Client(credentials);
            }
        }
        """.Replace("DEFAULT", sdk == AwsSdk.V3 ? "FallbackCredentialsFactory.GetCredentials()" : "Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials()"), sdk, "CXA2002.DefaultChain");

    [Fact]
    public async Task Fix_NotOffered_WhereTheKeysWouldStay()
    {
        // The local is handed to a method that takes BasicAWSCredentials: neither AWSCredentials nor STS credentials fit,
        // so no fix is offered (a fix that added parameters and left the keys would be worse than none).
        var keys = await CrossAccountAnalyzers.Tests.ExternalId.CXA1001_AssumeRoleWithoutExternalIdTests.OfferedKeysAsync(Usings + $$"""
            class Vendor
            {
                void Build()
                {
                    var credentials = new BasicAWSCredentials("{{KeyId}}", "{{SecretKey}}");
                    Keep(credentials);
                }

                private static void Keep(BasicAWSCredentials credentials) { }
            }
            """, "CXA2002", requireAny: false);
        Assert.DoesNotContain("CXA2002.Sts", keys);
        Assert.DoesNotContain("CXA2002.DefaultChain", keys);
    }
}
