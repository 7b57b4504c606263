using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using static CrossAccountAnalyzers.Tests.Infrastructure.TestSecrets;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.Credentials.HardCodedClientCredentialsRule,
    CrossAccountAnalyzers.CodeFixes.Credentials.HardCodedClientCredentialsCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.Credentials;

public partial class CXA2001_HardCodedClientCredentialsTests
{
    private const string Usings = """
        using System;
        using Amazon;
        using Amazon.Runtime;
        using Amazon.S3;
        using Amazon.S3.Transfer;
        using Amazon.SecurityToken;

        """;

    private const string V4Usings = Usings + """
        using Amazon.DynamoDBv2;
        using Amazon.SQS;

        """;

    // ---------------------------------------------------------------- reported

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task LiteralKeys_S3_IsReportedWithMaskedKeyId(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + $$"""
        class Storage
        {
            IAmazonS3 Client() => {|#0:new AmazonS3Client("{{KeyId}}", "{{SecretKey}}", RegionEndpoint.EUWest1)|};
        }
        """, sdk, VerifyCS.Diagnostic().WithArguments("AmazonS3Client", " (access key ID AKIA************NNBY)"));

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task SessionTokenOverloads_Sts_AreReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + $$"""
        class Tokens
        {
            void Build(AmazonSecurityTokenServiceConfig config)
            {
                var a = [|new AmazonSecurityTokenServiceClient("{{TemporaryKeyId}}", "{{SecretKey}}", "{{SessionToken}}")|];
                var b = [|new AmazonSecurityTokenServiceClient("{{TemporaryKeyId}}", "{{SecretKey}}", "{{SessionToken}}", RegionEndpoint.USEast1)|];
                var c = [|new AmazonSecurityTokenServiceClient("{{TemporaryKeyId}}", "{{SecretKey}}", "{{SessionToken}}", config)|];
            }
        }
        """, sdk);

    [Fact]
    public Task EveryService_WithConfigOverloads_IsReported() => VerifyCS.AnalyzerAsync(V4Usings + $$"""
        class Services
        {
            void Build()
            {
                var dynamo = [|new AmazonDynamoDBClient("{{KeyId}}", "{{SecretKey}}", new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.USWest2 })|];
                var sqs = [|new AmazonSQSClient("{{KeyId}}", "{{SecretKey}}", new AmazonSQSConfig { ServiceURL = "https://sqs.eu-west-1.amazonaws.com" })|];
                var s3 = [|new AmazonS3Client("{{KeyId}}", "{{SecretKey}}", new AmazonS3Config { ForcePathStyle = true })|];
            }
        }
        """, AwsSdk.V4);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task KeysInLocalsConstAndStaticReadonly_AreReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + $$"""
        class Keys
        {
            const string Id = "{{KeyId}}";
            static readonly string Secret = "{{SecretKey}}";
            private static string Region { get; } = "eu-west-1";

            void Build()
            {
                var id = "{{OldKeyId}}";
                var secret = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYzz9Other";
                var a = [|new AmazonSecurityTokenServiceClient(id, secret)|];
                var b = [|new AmazonS3Client(Id, Secret)|];
                var c = [|new AmazonS3Client($"{Id}", Secret, RegionEndpoint.GetBySystemName(Region))|];
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task TransferUtility_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + $$"""
        class Uploads
        {
            void Build()
            {
                var a = [|new TransferUtility("{{KeyId}}", "{{SecretKey}}")|];
                var b = [|new TransferUtility("{{KeyId}}", "{{SecretKey}}", RegionEndpoint.USEast1)|];
            }
        }
        """, sdk);

    [Fact]
    public Task DependencyInjectionLambda_AndPlaceholders_AreReported() => VerifyCS.AnalyzerAsync(V4Usings + """
        using Microsoft.Extensions.DependencyInjection;

        static class Registration
        {
            public static void AddQueues(IServiceCollection services)
            {
                services.AddSingleton<IAmazonSQS>(_ => [|new AmazonSQSClient("ak", "sk", RegionEndpoint.USEast1)|]);
                services.AddSingleton<IAmazonS3>(_ => [|new AmazonS3Client("PLACE YOUR ACCESS KEY HERE", "KEY SECRET")|]);
            }
        }
        """, AwsSdk.V4);

    // ---------------------------------------------------------------- not reported

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task KeysFromParametersConfigurationAndEnvironment_AreNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Settings { public string AccessKey { get; set; } = ""; public string SecretKey { get; set; } = ""; }

        class Storage
        {
            private string _mutable = "initial";
            public void Rotate(string value) => _mutable = value;

            void Build(string id, string secret, Settings settings)
            {
                var a = new AmazonS3Client(id, secret);
                var b = new AmazonS3Client(settings.AccessKey, settings.SecretKey, RegionEndpoint.USEast1);
                var c = new AmazonS3Client(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"), Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"));
                var d = new AmazonS3Client(_mutable, secret);
                var e = new AmazonS3Client("", " ");
                var f = new AmazonS3Client(RegionEndpoint.USEast1);
                var g = new AmazonS3Client(new AmazonS3Config { ServiceURL = "https://s3.eu-west-1.amazonaws.com" });
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task LocalEmulators_AreNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + $$"""
        class LocalStack
        {
            const string Endpoint = "http://localhost:4566";

            void Build(bool local)
            {
                var inline = new AmazonS3Client("{{KeyId}}", "{{SecretKey}}", new AmazonS3Config { ServiceURL = "http://127.0.0.1:4566", ForcePathStyle = true });
                var viaConst = new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = Endpoint });

                var config = new AmazonS3Config();
                config.ServiceURL = "http://localstack:4566";
                var inVariable = new AmazonS3Client("ak", "sk", config);

                var ternary = new AmazonS3Client("ak", "sk", new AmazonS3Config
                {
                    ServiceURL = local ? "http://host.docker.internal:4566" : Environment.GetEnvironmentVariable("S3_URL"),
                });
                var ipv6 = new AmazonSecurityTokenServiceClient("ak", "sk", new AmazonSecurityTokenServiceConfig { ServiceURL = "http://[::1]:4566" });
                var cloud = new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = "https://s3.localhost.localstack.cloud:4566" });

                var remote = [|new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = "https://minio.example.com" })|];
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task DummyCredentials_AreNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Tests
        {
            void Build()
            {
                var a = new AmazonS3Client("test", "test");
                var b = new AmazonS3Client("FakeAccessKey", "FakeSecretKey", RegionEndpoint.USEast1);
                var c = new AmazonS3Client("minioadmin", "minioadmin");
                var d = new AmazonS3Client("DUMMY", "dummy-secret");
                var e = new AmazonS3Client("localstack", "LOCALSTACK");
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task DummyCredentials_Option_ReplacesTheList(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Tests
        {
            void Build()
            {
                var a = new AmazonS3Client("sandbox-key", "sandbox-secret");
                var b = [|new AmazonS3Client("test", "test")|];
            }
        }
        """, sdk, "cxa_dummy_credentials = sandbox");

    [Fact]
    public Task NoAwsReference_LookAlikeClient_IsNotReported() => VerifyCS.AnalyzerAsync("""
        namespace MyCompany.Storage
        {
            class AmazonS3Client { public AmazonS3Client(string awsAccessKeyId, string awsSecretAccessKey) { } }
            class Use { object M() => new AmazonS3Client("AKIARTX3GSDS7FJONNBY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9Secret0"); }
        }
        """, AwsSdk.None);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task GeneratedCode_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync($$"""
        // <auto-generated/>
        class Generated
        {
            object M() => new Amazon.S3.AmazonS3Client("{{KeyId}}", "{{SecretKey}}");
        }
        """, sdk);

    // ---------------------------------------------------------------- fixes

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Fix_DefaultChain_KeepsRegionConfigAndComments(AwsSdk sdk) => VerifyCS.CodeFixAsync(Usings + $$"""
        class Storage
        {
            void Build(AmazonS3Config config)
            {
                var a = [|new AmazonS3Client("{{KeyId}}", "{{SecretKey}}", RegionEndpoint.EUWest1)|];
                var b = [|new AmazonS3Client(
                    "{{KeyId}}", // prod key
                    "{{SecretKey}}",
                    config)|];
                var c = [|new AmazonSecurityTokenServiceClient("{{TemporaryKeyId}}", "{{SecretKey}}", "{{SessionToken}}")|];
            }
        }
        """, Usings + """
        class Storage
        {
            void Build(AmazonS3Config config)
            {
                var a = new AmazonS3Client(RegionEndpoint.EUWest1);
                var b = new AmazonS3Client(
                    // prod key
                    config);
                var c = new AmazonSecurityTokenServiceClient();
            }
        }
        """, sdk, "CXA2001.DefaultChain");

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Fix_DefaultChain_TransferUtility(AwsSdk sdk) => VerifyCS.CodeFixAsync(Usings + $$"""
        class Uploads
        {
            void Build(TransferUtilityConfig config)
            {
                var a = [|new TransferUtility("{{KeyId}}", "{{SecretKey}}", RegionEndpoint.USEast1)|];
                var b = [|new TransferUtility("{{KeyId}}", "{{SecretKey}}", RegionEndpoint.USEast1, config)|];
            }
        }
        """, Usings + """
        class Uploads
        {
            void Build(TransferUtilityConfig config)
            {
                var a = new TransferUtility(RegionEndpoint.USEast1);
                var b = new TransferUtility(new AmazonS3Client(RegionEndpoint.USEast1), config);
            }
        }
        """, sdk, "CXA2001.DefaultChain");

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Fix_Sts_InScopeValues(AwsSdk sdk) => VerifyCS.CodeFixAsync(Usings + $$"""
        class Customer
        {
            IAmazonS3 For(string customerRoleArn, string externalId)
            {
                return [|new AmazonS3Client("{{KeyId}}", "{{SecretKey}}", RegionEndpoint.USEast1)|];
            }
        }
        """, Usings + (sdk == AwsSdk.V4 ? """
        class Customer
        {
            IAmazonS3 For(string customerRoleArn, string externalId)
            {
                return new AmazonS3Client(new AssumeRoleAWSCredentials(Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials(), customerRoleArn, "Customer", new AssumeRoleAWSCredentialsOptions { ExternalId = externalId }), RegionEndpoint.USEast1);
            }
        }
        """ : """
        class Customer
        {
            IAmazonS3 For(string customerRoleArn, string externalId)
            {
                return new AmazonS3Client(new AssumeRoleAWSCredentials(FallbackCredentialsFactory.GetCredentials(), customerRoleArn, "Customer", new AssumeRoleAWSCredentialsOptions { ExternalId = externalId }), RegionEndpoint.USEast1);
            }
        }
        """), sdk, "CXA2001.Sts");

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Fix_Sts_NewParametersAndCallers(AwsSdk sdk) => VerifyCS.CodeFixAsync(Usings + $$"""
        class Reports
        {
            IAmazonSecurityTokenService Client() => [|new AmazonSecurityTokenServiceClient("{{KeyId}}", "{{SecretKey}}")|];

            void Use() => Client();
        }
        """, Usings + (sdk == AwsSdk.V4 ? """
        class Reports
        {
            IAmazonSecurityTokenService Client(string roleArn, string externalId) => new AmazonSecurityTokenServiceClient(new AssumeRoleAWSCredentials(Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials(), roleArn, "Reports", new AssumeRoleAWSCredentialsOptions { ExternalId = externalId }));

            void Use() => Client(Environment.GetEnvironmentVariable("AWS_ROLE_ARN") ?? throw new InvalidOperationException("Environment variable 'AWS_ROLE_ARN' is not set: set the role ARN to use."), Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") ?? throw new InvalidOperationException("Environment variable 'AWS_EXTERNAL_ID' is not set: set the ExternalId this customer's role trust policy requires."));
        }
        """ : """
        class Reports
        {
            IAmazonSecurityTokenService Client(string roleArn, string externalId) => new AmazonSecurityTokenServiceClient(new AssumeRoleAWSCredentials(FallbackCredentialsFactory.GetCredentials(), roleArn, "Reports", new AssumeRoleAWSCredentialsOptions { ExternalId = externalId }));

            void Use() => Client(Environment.GetEnvironmentVariable("AWS_ROLE_ARN") ?? throw new InvalidOperationException("Environment variable 'AWS_ROLE_ARN' is not set: set the role ARN to use."), Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") ?? throw new InvalidOperationException("Environment variable 'AWS_EXTERNAL_ID' is not set: set the ExternalId this customer's role trust policy requires."));
        }
        """), sdk, "CXA2001.Sts");

    [Fact]
    public Task FixAll_DefaultChain_ThreeClients() => VerifyCS.CodeFixAsync(V4Usings + $$"""
        class Many
        {
            void Build()
            {
                var a = [|new AmazonS3Client("{{KeyId}}", "{{SecretKey}}")|];
                var b = [|new AmazonDynamoDBClient("{{KeyId}}", "{{SecretKey}}", RegionEndpoint.USWest2)|];
                var c = [|new AmazonSQSClient("{{KeyId}}", "{{SecretKey}}", new AmazonSQSConfig())|];
            }
        }
        """, V4Usings + """
        class Many
        {
            void Build()
            {
                var a = new AmazonS3Client();
                var b = new AmazonDynamoDBClient(RegionEndpoint.USWest2);
                var c = new AmazonSQSClient(new AmazonSQSConfig());
            }
        }
        """, AwsSdk.V4, "CXA2001.DefaultChain");
}
