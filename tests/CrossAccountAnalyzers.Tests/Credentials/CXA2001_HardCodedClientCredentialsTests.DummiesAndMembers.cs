using System.Collections.Immutable;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Credentials;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using static CrossAccountAnalyzers.Tests.Infrastructure.TestSecrets;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.Credentials.HardCodedClientCredentialsRule,
    CrossAccountAnalyzers.CodeFixes.Credentials.HardCodedClientCredentialsCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.Credentials;

/// <summary>AWS documentation credentials, emulator endpoints reached through a fallback, and members written by code we do not see.</summary>
public partial class CXA2001_HardCodedClientCredentialsTests
{
    /// <summary>The shape of <c>ConfigurationBinder.GetValue&lt;T&gt;(IConfiguration, string key, T defaultValue)</c> (the Binder package is not referenced).</summary>
    internal const string ConfigurationBinder = """
        using Microsoft.Extensions.Configuration;

        static class ConfigurationBinderShape
        {
            public static T GetValue<T>(this IConfiguration configuration, string key, T defaultValue) => defaultValue;
            public static string Describe(string url) => url;
        }

        """;

    // ---------------------------------------------------------------- documentation credentials

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task DocumentationCredentials_AreNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Docs
        {
            const string DocKeyId = "AKIAIOSFODNN7EXAMPLE";
            static readonly string DocSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

            void Build()
            {
                var guide = new AmazonS3Client("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
                var sigV4Suite = new AmazonS3Client("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", RegionEndpoint.USEast1);
                var anyExample = new AmazonSecurityTokenServiceClient("ASIAIOSFODNN7EXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", "AQoDYXdzEJr/EXAMPLETOKEN/IvU1dYUg2RVAJBanLiHb4IgRmpRV3zrkuWJOgQs8IZZaIv2BXIa2R4Olgk");
                var viaMembers = new TransferUtility(DocKeyId, DocSecret);
                var mixedWithDummy = new AmazonS3Client("AKIAIOSFODNN7EXAMPLE", "test");
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task DocumentationValueNextToARealOne_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + $$"""
        class Docs
        {
            void Build()
            {
                var realKeyDocSecret = {|#0:new AmazonS3Client("{{KeyId}}", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")|};
                var docKeyRealSecret = [|new AmazonS3Client("AKIAIOSFODNN7EXAMPLE", "{{SecretKey}}")|];
                var docPairRealToken = [|new AmazonSecurityTokenServiceClient("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "{{SessionToken}}")|];
                var lowerCase = [|new AmazonS3Client("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYexamplekey")|];
                var secretEndingInExampleOnly = [|new AmazonS3Client("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLE")|];
                var exampleInTheMiddle = [|new AmazonS3Client("AKIAEXAMPLEIOSFODNN7", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")|];
            }
        }
        """, sdk, VerifyCS.Diagnostic().WithArguments("AmazonS3Client", " (access key ID AKIA************NNBY)"));

    [Theory]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "AccessKeyId", true)]
    [InlineData("AKIDEXAMPLE", "AccessKeyId", true)]
    [InlineData(" AKIAIOSFODNN7EXAMPLE ", "AccessKeyId", true)]
    [InlineData("AKIAIOSFODNN7example", "AccessKeyId", false)]
    [InlineData("AKIAEXAMPLEIOSFODNN7", "AccessKeyId", false)]
    [InlineData("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "SecretAccessKey", true)]
    [InlineData("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "SecretAccessKey", true)]
    [InlineData("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLE", "SecretAccessKey", false)]
    [InlineData("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY2", "SecretAccessKey", false)]
    [InlineData("AQoDYXdzEJr/EXAMPLETOKEN/IvU1dYUg2RVAJ", "SessionToken", true)]
    [InlineData(SessionToken, "SessionToken", false)]
    [InlineData(KeyId, "AccessKeyId", false)]
    public void DocumentationValues_AreDummiesForTheirRole(string value, string role, bool dummy)
        => Assert.Equal(dummy, CredentialJudge.IsDummy(value, (CredentialRole)System.Enum.Parse(typeof(CredentialRole), role), ImmutableArray<string>.Empty));

    [Theory]
    [InlineData("http://localhost:", true)]
    [InlineData("http://127.0.0.1:", true)]
    [InlineData("http://[::1]:", true)]
    [InlineData("http://localstack/", true)]
    [InlineData("http://user:password@localhost:", true)]
    [InlineData("http://localhost", false)]
    [InlineData("http://local", false)]
    [InlineData("https://", false)]
    [InlineData("localhost:", false)]
    [InlineData("https://s3.amazonaws.com/", false)]
    public void EmulatorPrefixes_NameTheWholeHost(string prefix, bool emulator) => Assert.Equal(emulator, EmulatorEndpoints.IsEmulatorPrefix(prefix));

    // ---------------------------------------------------------------- emulator endpoints through a fallback

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task EmulatorFallbacks_AreNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + ConfigurationBinder + """
        class LocalStack
        {
            void Build(string url, IConfiguration config)
            {
                var coalesce = new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = url ?? "http://localhost:8000" });
                var getValue = new AmazonS3Client("key", "secret", new AmazonS3Config { ServiceURL = config.GetValue<string>("S3Url", "http://localhost:4566") });
                var getValueNamed = new AmazonS3Client("key", "secret", new AmazonS3Config { ServiceURL = config.GetValue(defaultValue: "http://127.0.0.1:9000", key: "S3Url") });
                var indexer = new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = config["S3Url"] ?? "http://localhost:4566" });
                var environment = new AmazonSecurityTokenServiceClient("ak", "sk", new AmazonSecurityTokenServiceConfig { ServiceURL = Environment.GetEnvironmentVariable("STS_URL") ?? "http://localstack:4566" });
                var ternary = new AmazonS3Client("key", "secret", new AmazonS3Config { ServiceURL = string.IsNullOrEmpty(url) ? "http://127.0.0.1:9000" : url });
                var switchArm = new AmazonS3Client("key", "secret", new AmazonS3Config { ServiceURL = url switch { null or "" => "http://localhost:9000", _ => url } });
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task EmulatorFallbacks_ThroughLocalsMembersAndInterpolation_AreNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        using Microsoft.Extensions.Configuration;

        class StorageOptions { public string ServiceUrl { get; set; } = "http://localhost:4566"; }

        class LocalStack
        {
            private readonly string _url = Environment.GetEnvironmentVariable("S3_URL") ?? "http://localhost:4566";
            private static string Endpoint => Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") ?? "http://localstack:4566";

            void Build(IConfiguration config, StorageOptions options, int port)
            {
                var serviceUrl = config["S3:ServiceUrl"] ?? "http://localhost:4566";
                var viaLocal = new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = serviceUrl });

                string endpoint = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
                endpoint ??= "http://host.docker.internal:4566";
                var s3Config = new AmazonS3Config { ForcePathStyle = true };
                s3Config.ServiceURL = endpoint;
                var viaConfigVariable = new AmazonS3Client("ak", "sk", s3Config);

                var optionsDefault = new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = options.ServiceUrl });
                var field = new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = _url });
                var property = new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = Endpoint });
                var interpolated = new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = $"http://localhost:{port}" });
                var concatenated = new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = "http://127.0.0.1:" + port + "/" });
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task FallbackToRealEndpointOrNoFallback_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + ConfigurationBinder + """
        class StorageOptions { public string ServiceUrl { get; set; } = "https://s3.eu-west-1.amazonaws.com"; }

        class Remote
        {
            void Build(string url, string host, IConfiguration config, StorageOptions options)
            {
                var realFallback = [|new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = url ?? "https://s3.eu-west-1.amazonaws.com" })|];
                var realDefault = [|new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = config.GetValue<string>("S3Url", "https://s3.amazonaws.com") })|];
                var noFallback = [|new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = config["S3Url"] })|];
                var environmentOnly = [|new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = Environment.GetEnvironmentVariable("S3_URL") })|];
                var notAFallbackParameter = [|new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = ConfigurationBinderShape.Describe("http://localhost:4566") })|];
                var hostNotFinished = [|new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = "http://localhost" + host })|];
                var hostFromInput = [|new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = $"https://{host}:4566" })|];
                var optionsDefault = [|new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = options.ServiceUrl })|];

                var realSwitch = [|new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = url switch { null => "https://s3.amazonaws.com", _ => url } })|];

                var local = url ?? "https://minio.example.com";
                var viaLocal = [|new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = local })|];
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task EmulatorFallback_InAConfigHeldByAMember_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Storage
        {
            private static readonly AmazonS3Config LocalConfig = new AmazonS3Config { ServiceURL = Environment.GetEnvironmentVariable("S3_URL") ?? "http://localhost:4566", ForcePathStyle = true };
            private AmazonS3Config RemoteConfig { get; } = new AmazonS3Config { ServiceURL = Environment.GetEnvironmentVariable("S3_URL") ?? "https://s3.eu-west-1.amazonaws.com" };
            private readonly AmazonS3Config _unknown;

            Storage(AmazonS3Config config) => _unknown = config;

            void Build()
            {
                var local = new AmazonS3Client("ak", "sk", LocalConfig);
                var remote = [|new AmazonS3Client("ak", "sk", RemoteConfig)|];
                var unknown = [|new AmazonS3Client("ak", "sk", _unknown)|];
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task EmulatorFallback_ReturnedByAHelper_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Storage
        {
            static string LocalUrl() => Environment.GetEnvironmentVariable("S3_URL") ?? "http://localhost:4566";

            static string LocalUrlInBlock(bool docker)
            {
                if (docker)
                {
                    return "http://host.docker.internal:4566";
                }

                return Environment.GetEnvironmentVariable("S3_URL");
            }

            static string RemoteUrl()
            {
                Func<string> local = () => "http://localhost:4566";
                return Environment.GetEnvironmentVariable("S3_URL") ?? "https://s3.eu-west-1.amazonaws.com";
            }

            protected virtual string Overridable() => "http://localhost:4566";

            void Build()
            {
                var a = new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = LocalUrl() });
                var b = new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = LocalUrlInBlock(true) });
                var c = [|new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = RemoteUrl() })|];
                var d = [|new AmazonS3Client("ak", "sk", new AmazonS3Config { ServiceURL = Overridable() })|];
            }
        }
        """, sdk);

    [Fact]
    public Task EmulatorFallbacks_DynamoDbLocalAndSqs_AreNotReported() => VerifyCS.AnalyzerAsync(V4Usings + ConfigurationBinder + """
        class Tables
        {
            void Build(IConfiguration config, bool isDevelopment)
            {
                var dynamo = new AmazonDynamoDBClient("key", "secret", new AmazonDynamoDBConfig { ServiceURL = config.GetValue<string>("DynamoDbUrl", "http://localhost:8000") });
                var sqs = new AmazonSQSClient("key", "secret", new AmazonSQSConfig { ServiceURL = isDevelopment ? "http://localhost:9324" : config["Sqs:Url"] });
                var remote = [|new AmazonDynamoDBClient("key", "secret", new AmazonDynamoDBConfig { ServiceURL = config.GetValue<string>("DynamoDbUrl", "https://dynamodb.us-east-1.amazonaws.com") })|];
            }
        }
        """, AwsSdk.V4);

    // ---------------------------------------------------------------- members that code we do not see writes

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task SettableMembersWithKeyDefaults_AreNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + $$"""
        class AwsSettings
        {
            public string AccessKey { get; set; } = "{{KeyId}}";
            public string SecretKey { get; set; } = "{{SecretKey}}";
        }

        record AwsRecord
        {
            public string AccessKey { get; init; } = "{{KeyId}}";
            public string SecretKey { get; init; } = "{{SecretKey}}";
        }

        class BaseSettings
        {
            public string AccessKey { get; protected set; } = "{{KeyId}}";
            public string SecretKey = "{{SecretKey}}";
        }

        class Storage
        {
            void Build(AwsSettings settings, AwsRecord record, BaseSettings fromBase)
            {
                var a = new AmazonS3Client(settings.AccessKey, settings.SecretKey);
                var b = new AmazonS3Client(record.AccessKey, record.SecretKey, RegionEndpoint.USEast1);
                var c = new AmazonS3Client(fromBase.AccessKey, fromBase.SecretKey);
                var d = new TransferUtility(settings.AccessKey, record.SecretKey);
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task MembersOnlyEverAssignedConstants_AreStillReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + $$"""
        class Keys
        {
            public const string ConstId = "{{KeyId}}";
            public static readonly string StaticReadonlySecret = "{{SecretKey}}";
            public string GetOnly { get; } = "{{KeyId}}";
            public string Computed => "{{SecretKey}}";
            public string PrivateSet { get; private set; } = "{{KeyId}}";
            internal string InternalField = "{{SecretKey}}";
            public static string StaticSettable { get; set; } = "{{KeyId}}";
            public readonly string ReadonlyField = "{{SecretKey}}";
        }

        class Storage
        {
            void Build(Keys keys)
            {
                var a = [|new AmazonS3Client(Keys.ConstId, Keys.StaticReadonlySecret)|];
                var b = [|new AmazonS3Client(keys.GetOnly, keys.Computed)|];
                var c = [|new AmazonS3Client(keys.PrivateSet, keys.InternalField)|];
                var d = [|new AmazonS3Client(Keys.StaticSettable, keys.ReadonlyField)|];
            }
        }
        """, sdk);
}
