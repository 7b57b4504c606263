using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using static CrossAccountAnalyzers.Tests.Infrastructure.TestSecrets;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.Credentials.CredentialsInEnvironmentRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.Credentials;

public partial class CXA2004_CredentialsInEnvironmentTests
{
    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task EachVariable_WithHardCodedValue_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync($$"""
        using System;

        class Bootstrap
        {
            const string Secret = "{{SecretKey}}";
            const string Name = "AWS_SECRET_ACCESS_KEY";

            void Configure()
            {
                {|#0:Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "{{KeyId}}")|};
                [|Environment.SetEnvironmentVariable(Name, Secret)|];
                [|Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "{{SessionToken}}", EnvironmentVariableTarget.Process)|];
                [|System.Environment.SetEnvironmentVariable("aws_access_key_id", "ak")|];
            }
        }
        """, sdk, VerifyCS.Diagnostic().WithArguments("AWS_ACCESS_KEY_ID", " (AKIA************NNBY)"));

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task LookAlikes_AreNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync($$"""
        using System;

        class Bootstrap
        {
            void Configure(string secret, string variable)
            {
                Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", secret);
                Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", Environment.GetEnvironmentVariable("VAULT_KEY_ID"));
                Environment.SetEnvironmentVariable("AWS_REGION", "eu-west-1");
                Environment.SetEnvironmentVariable("AWS_PROFILE", "prod");
                Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "");
                Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", null);
                Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "test");
                Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "localstack");
                Environment.SetEnvironmentVariable(variable, "{{SecretKey}}");
                var current = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task DocumentationCredentials_AreNotReported_LookAlikesAre(AwsSdk sdk) => VerifyCS.AnalyzerAsync($$"""
        using System;

        class Bootstrap
        {
            const string DocSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

            void Configure()
            {
                Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
                Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", DocSecret);
                Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
                Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
                Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "AQoDYXdzEJr/EXAMPLETOKEN/IvU1dYUg2RVAJBanLiHb4IgRmpRV3zrkuWJOgQs8IZZaIv2BXIa2R4Olgk");

                [|Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7example")|];
                [|Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", DocSecret + "2")|];
                [|Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLE")|];
                [|Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "{{SessionToken}}")|];
            }
        }
        """, sdk);

    [Fact]
    public Task NoAwsReference_IsNotReported() => VerifyCS.AnalyzerAsync($$"""
        class C { void M() => System.Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "{{SecretKey}}"); }
        """, AwsSdk.None);
}
