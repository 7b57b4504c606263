using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Credentials;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using static CrossAccountAnalyzers.Tests.Infrastructure.TestSecrets;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.Credentials.AccessKeyIdInSourceRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.Credentials;

public partial class CXA2003_AccessKeyIdInSourceTests
{
    // ---------------------------------------------------------------- the key ID format

    [Theory]
    [InlineData("ASIAY34FZKBOKMUTVV7A", "609629065308")] // published by Aidan Steele (2020) and Tal Be'ery (2023)
    [InlineData("AKIARTX3GSDS7FJONNBY", "111122223333")] // encoded here for the tests; decodes back
    [InlineData("AKIAJ5Q6Z3X4C2V7B2N4", null)] // old generation: no account inside
    [InlineData("AKIAIOSFODNN7EXAMPLE", null)]
    [InlineData("AROARTX3GSDS7FJONNBY", null)] // a role ID, not a key
    public void DecodesTheAccountOfNewGenerationKeys(string keyId, string? account)
        => Assert.Equal(account, AccessKeyId.TryDecodeAccount(keyId));

    [Theory]
    [InlineData("AKIARTX3GSDS7FJONNBY", "AKIA************NNBY")]
    [InlineData("ASIAY34FZKBOKMUTVV7A", "ASIA************VV7A")]
    public void MasksKeyIds(string keyId, string masked) => Assert.Equal(masked, AccessKeyId.Mask(keyId));

    // ---------------------------------------------------------------- reported

    [Fact]
    public Task EveryKindOfLiteral_IsReportedAtTheKey() => VerifyCS.AnalyzerAsync($$""""
        class Literals
        {
            const string Regular = "key={|#0:{{KeyId}}|};";
            const string Verbatim = @"
        aws_access_key_id = [|{{OldKeyId}}|]";
            const string Raw = """
                {"AccessKeyId": "[|{{TemporaryKeyId}}|]"}
                """;
            static string Interpolated(string user) => $"user={user} key=[|{{KeyId}}|]";
            static System.ReadOnlySpan<byte> Utf8 => "[|{{KeyId}}|]"u8;
            const string Escaped = "\n[|{{KeyId}}|]\t";
            static readonly string[] Other = { "[|ABIARTX3GSDS7FJONNBY|]", "ABIAABIARTX3GSDS7FJONNBY", "[|ACCARTX3GSDS7FJONNBY|]" };
        }
        """", AwsSdk.V4,
        VerifyCS.Diagnostic(Descriptors.CXA2003_AccessKeyIdInSource, 0).WithArguments("AKIA************NNBY", " (it belongs to AWS account 111122223333)"));

    [Fact]
    public Task Message_NamesAccountOnlyWhenEncoded() => VerifyCS.AnalyzerAsync($$"""
        class Keys
        {
            const string A = "{|#0:{{TemporaryKeyId}}|}";
            const string B = "{|#1:{{OldKeyId}}|}";
        }
        """, AwsSdk.V3,
        VerifyCS.Diagnostic(Descriptors.CXA2003_AccessKeyIdInSource, 0).WithArguments("ASIA************VV7A", " (it belongs to AWS account 609629065308)"),
        VerifyCS.Diagnostic(Descriptors.CXA2003_AccessKeyIdInSource, 1).WithArguments("AKIA************2N4", "").WithArguments("AKIA************B2N4", ""));

    [Fact]
    public async Task AdditionalFiles_AreReportedAtTheExactSpan()
    {
        var test = new VerifyCS.Test
        {
            TestCode = "class C { }",
            ReferenceAssemblies = AwsReferences.V4,
        };
        test.TestState.AdditionalFiles.Add(("/app/appsettings.Production.json", $$"""
            {
              "AWS": {
                "AccessKey": "{|#0:{{KeyId}}|}",
                "Example": "AKIAIOSFODNN7EXAMPLE"
              }
            }
            """));
        test.TestState.AdditionalFiles.Add(("/app/.env", $"AWS_ACCESS_KEY_ID={{|#1:{OldKeyId}|}}\nAWS_REGION=eu-west-1\n"));
        test.TestState.AdditionalFiles.Add(("/app/web.config", $"<add key=\"AWSAccessKey\" value=\"{{|#2:{TemporaryKeyId}|}}\" />"));
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic(Descriptors.CXA2003_AccessKeyIdInSource, 0).WithArguments("AKIA************NNBY", " (it belongs to AWS account 111122223333)"));
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic(Descriptors.CXA2003_AccessKeyIdInSource, 1).WithArguments("AKIA************B2N4", ""));
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic(Descriptors.CXA2003_AccessKeyIdInSource, 2).WithArguments("ASIA************VV7A", " (it belongs to AWS account 609629065308)"));
        await test.RunForRuleAsync(CancellationToken.None);
    }

    // ---------------------------------------------------------------- not reported

    [Fact]
    public Task LookAlikes_AreNotReported() => VerifyCS.AnalyzerAsync($$"""
        /// <summary>Uses {{KeyId}} in the docs only.</summary>
        class LookAlikes
        {
            // The old key was {{KeyId}}; it has been rotated.
            /* {{OldKeyId}} */
            const string Documentation = "AKIAIOSFODNN7EXAMPLE";
            const string Role = "AROARTX3GSDS7FJONNBY";
            const string User = "AIDARTX3GSDS7FJONNBY";
            const string Group = "AGPARTX3GSDS7FJONNBY";
            const string TooShort = "AKIARTX3GSDS7FJONNB";
            const string TooLong = "AKIARTX3GSDS7FJONNBYX";
            const string WrongAlphabet = "AKIARTX3GSDS7FJONN01";
            const string Lower = "akiartx3gsds7fjonnby";
            const string Glued = "xAKIARTX3GSDS7FJONNBY";
            const string Url = "https://sqs.eu-west-1.amazonaws.com/123456789012/queue";
        }
        """, AwsSdk.V4);

    [Fact]
    public Task KeyAlreadyReportedByCXA2001_IsNotReportedTwice() => VerifyCS.AnalyzerAsync($$"""
        using Amazon.S3;

        class Storage
        {
            IAmazonS3 Reported() => new AmazonS3Client("{{KeyId}}", "{{SecretKey}}");
            IAmazonS3 Emulator() => new AmazonS3Client("[|{{KeyId}}|]", "{{SecretKey}}", new AmazonS3Config { ServiceURL = "http://localhost:4566" });
        }
        """, AwsSdk.V4);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task KeyDefaultOfSettableProperty_IsStillReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync($$"""
        using Amazon.Runtime;

        class AwsSettings
        {
            public string AccessKey { get; set; } = "[|{{KeyId}}|]";
            public string BackupKey { get; init; } = "[|{{OldKeyId}}|]";
            public string SecretKey { get; set; } = "{{SecretKey}}";
            public string DocumentationKey { get; set; } = "AKIAIOSFODNN7EXAMPLE";
        }

        class Use
        {
            AWSCredentials Bound(AwsSettings settings) => new BasicAWSCredentials(settings.AccessKey, settings.SecretKey);
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task KeyAtAnEmulatorFallback_IsReportedHere_DocumentationKeyIsNot(AwsSdk sdk) => VerifyCS.AnalyzerAsync($$"""
        using Amazon.Runtime;
        using Amazon.S3;

        class Storage
        {
            IAmazonS3 Local(string url) => new AmazonS3Client(new BasicAWSCredentials("[|{{KeyId}}|]", "{{SecretKey}}"), new AmazonS3Config { ServiceURL = url ?? "http://localhost:4566" });
            AWSCredentials RealSecret() => new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "{{SecretKey}}");
            AWSCredentials DocumentationSecret() => new BasicAWSCredentials("{{KeyId}}", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        }
        """, sdk);

    [Fact]
    public Task NoAwsReference_IsNotReported() => VerifyCS.AnalyzerAsync($$"""
        class C { const string Key = "{{KeyId}}"; }
        """, AwsSdk.None);

    [Fact]
    public Task GeneratedCode_IsNotReported() => VerifyCS.AnalyzerAsync($$"""
        // <auto-generated/>
        class C { const string Key = "{{KeyId}}"; }
        """, AwsSdk.V4);
}
