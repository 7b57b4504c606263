using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using static CrossAccountAnalyzers.Tests.Infrastructure.TestSecrets;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.Credentials.HardCodedCredentialsObjectRule,
    CrossAccountAnalyzers.CodeFixes.Credentials.HardCodedCredentialsObjectCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.Credentials;

/// <summary>AWS documentation credentials, emulator endpoints reached through a fallback, and members written by code we do not see.</summary>
public partial class CXA2002_HardCodedCredentialsObjectTests
{
    // ---------------------------------------------------------------- documentation credentials

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task DocumentationCredentials_AreNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Docs
        {
            const string DocSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

            void Build()
            {
                // Found in a real build: the Signature V4 test suite's pair.
                var sigV4Suite = new ImmutableCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
                AWSCredentials guide = new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", DocSecret);
                AWSCredentials session = new SessionAWSCredentials("ASIAIOSFODNN7EXAMPLE", DocSecret, "AQoDYXdzEJr/EXAMPLETOKEN/IvU1dYUg2RVAJBanLiHb4IgRmpRV3zrkuWJOgQs8IZZaIv2BXIa2R4Olgk");
                AWSCredentials sts = new Amazon.SecurityToken.Model.Credentials("AKIDEXAMPLE", DocSecret, "", DateTime.UtcNow);
                var profile = new CredentialProfileOptions { AccessKey = "AKIAIOSFODNN7EXAMPLE", SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task DocumentationValueNextToARealOne_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + $$"""
        class Docs
        {
            void Build()
            {
                var realKeyDocSecret = [|new BasicAWSCredentials("{{KeyId}}", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")|];
                var docKeyRealSecret = [|new ImmutableCredentials("AKIDEXAMPLE", "{{SecretKey}}", null)|];
                var docPairRealToken = [|new SessionAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "{{SessionToken}}")|];
                var lowerCaseKeyId = [|new BasicAWSCredentials("AKIAIOSFODNN7example", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")|];
                var profile = new CredentialProfileOptions { AccessKey = "AKIAIOSFODNN7EXAMPLE", [|SecretKey = "{{SecretKey}}"|] };
            }
        }
        """, sdk);

    // ---------------------------------------------------------------- emulator endpoints through a fallback

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task EmulatorFallbacks_AreNotReported_RealFallbacksAre(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + CXA2001_HardCodedClientCredentialsTests.ConfigurationBinder + """
        class LocalStack
        {
            void Build(string url, IConfiguration config)
            {
                var straight = new AmazonS3Client(new BasicAWSCredentials("ak", "sk"), new AmazonS3Config { ServiceURL = url ?? "http://localhost:4566" });

                var creds = new BasicAWSCredentials("key", "secret");
                var s3Config = new AmazonS3Config { ServiceURL = config.GetValue<string>("S3Url", "http://localstack:4566") };
                var viaLocals = new AmazonS3Client(creds, s3Config);

                var endpoint = Environment.GetEnvironmentVariable("S3_URL") ?? "https://s3.eu-west-1.amazonaws.com";
                var remote = new AmazonS3Client([|new BasicAWSCredentials("ak", "sk")|], new AmazonS3Config { ServiceURL = endpoint });
                var noFallback = new AmazonS3Client([|new BasicAWSCredentials("ak", "sk")|], new AmazonS3Config { ServiceURL = config["S3Url"] });
            }
        }
        """, sdk);

    [Fact]
    public Task AwsOptionsWithEmulatorFallback_IsNotReported() => VerifyCS.AnalyzerAsync("""
        using System;
        using Amazon.Extensions.NETCore.Setup;
        using Amazon.Runtime;

        class Startup
        {
            AWSOptions Local() => new AWSOptions
            {
                Credentials = new BasicAWSCredentials("ak", "sk"),
                DefaultClientConfig = { ServiceURL = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") ?? "http://localhost:4566" },
            };

            AWSOptions Remote() => new AWSOptions
            {
                Credentials = [|new BasicAWSCredentials("ak", "sk")|],
                DefaultClientConfig = { ServiceURL = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") },
            };
        }
        """, AwsSdk.V4);

    [Fact]
    public Task AwsOptionsConfiguredThroughALocal_WithEmulatorFallback_IsNotReported() => VerifyCS.AnalyzerAsync("""
        using System;
        using Amazon.Extensions.NETCore.Setup;
        using Amazon.Runtime;
        using Microsoft.Extensions.Configuration;

        static class Startup
        {
            static AWSOptions Local(IConfiguration configuration)
            {
                var options = new AWSOptions();
                options.Credentials = new BasicAWSCredentials("ak", "sk");
                options.DefaultClientConfig.ServiceURL = configuration["AWS:ServiceURL"] ?? "http://localhost:4566";
                return options;
            }

            static AWSOptions LocalThroughVariable(IConfiguration configuration)
            {
                var credentials = new BasicAWSCredentials("key", "secret");
                var options = new AWSOptions { Credentials = credentials };
                options.DefaultClientConfig.ServiceURL = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") ?? "http://localstack:4566";
                return options;
            }

            static AWSOptions Remote(IConfiguration configuration, AWSOptions other)
            {
                var options = new AWSOptions();
                options.Credentials = [|new BasicAWSCredentials("ak", "sk")|];
                options.DefaultClientConfig.ServiceURL = configuration["AWS:ServiceURL"];
                other.DefaultClientConfig.ServiceURL = "http://localhost:4566";
                return options;
            }
        }
        """, AwsSdk.V4);

    // ---------------------------------------------------------------- members that code we do not see writes

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task SettableMembersWithKeyDefaults_AreNotReported_ConstantMembersAre(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + $$"""
        class AwsSettings
        {
            public string AccessKey { get; set; } = "{{KeyId}}";
            public string SecretKey { get; init; } = "{{SecretKey}}";
            public string SessionToken { get; protected internal set; } = "{{SessionToken}}";
        }

        static class Keys
        {
            public static readonly string Id = "{{KeyId}}";
            public static string Secret => "{{SecretKey}}";
        }

        class Settings
        {
            private string _secret = "{{SecretKey}}";
            public string AccessKey { get; private set; } = "{{KeyId}}";
            public AWSCredentials Credentials() => [|new BasicAWSCredentials(AccessKey, _secret)|];
        }

        class Consumer
        {
            void Build(AwsSettings settings)
            {
                var bound = new BasicAWSCredentials(settings.AccessKey, settings.SecretKey);
                var session = new SessionAWSCredentials(settings.AccessKey, settings.SecretKey, settings.SessionToken);
                var profile = new CredentialProfileOptions { AccessKey = settings.AccessKey, SecretKey = settings.SecretKey };
                var constants = [|new BasicAWSCredentials(Keys.Id, Keys.Secret)|];
            }
        }
        """, sdk);
}
