using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using static CrossAccountAnalyzers.Tests.Infrastructure.TestSecrets;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.Credentials.HardCodedCredentialsObjectRule,
    CrossAccountAnalyzers.CodeFixes.Credentials.HardCodedCredentialsObjectCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.Credentials;

/// <summary>Code that only partly binds (docs/partly-bound.md), for credentials objects.</summary>
public partial class CXA2002_HardCodedCredentialsObjectTests
{
    [Fact]
    public Task PartlyBound_DecidingPartBinds_IsReported() => VerifyCS.AnalyzerAsync(Usings + $$"""
        class Keys
        {
            // The account ID does not bind: it decides nothing.
            AWSCredentials Basic() => {|#0:new BasicAWSCredentials("{{KeyId}}", "{{SecretKey}}", {|CS0103:Missing|}.AccountId)|};
            AWSCredentials Session() => [|new SessionAWSCredentials("{{TemporaryKeyId}}", "{{SecretKey}}", "{{SessionToken}}", {|CS0103:Missing|}.AccountId)|];

            // The secret does not bind; the key ID is written here.
            AWSCredentials Secret() => [|new BasicAWSCredentials("{{KeyId}}", {|CS0103:Vault|}.Secret)|];

            // Handed to something that is not a client and does not bind.
            object Other() => new {|CS0246:Wrapper|}([|new BasicAWSCredentials("{{KeyId}}", "{{SecretKey}}")|]);

            // Handed to a client whose other argument binds and is not an emulator config.
            IAmazonS3 Client() => new AmazonS3Client([|new BasicAWSCredentials("{{KeyId}}", "{{SecretKey}}")|], RegionEndpoint.USEast1);
        }
        """, AwsSdk.V4, VerifyCS.Diagnostic().WithLocation(0).WithArguments("BasicAWSCredentials", " (access key ID AKIA************NNBY)"));

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task PartlyBound_DecidingPartDoesNotBind_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + $$"""
        class Keys
        {
            // Handed to a client whose other argument does not bind: it may be a config aimed at an emulator.
            IAmazonS3 Client() => new AmazonS3Client(new BasicAWSCredentials("{{KeyId}}", "{{SecretKey}}"), {|CS0103:Missing|}.Config);

            // The keys do not bind.
            AWSCredentials FromVault() => new BasicAWSCredentials({|CS0103:Vault|}.KeyId, {|CS0103:Vault|}.Secret);

            // The created type does not bind.
            object Unbound() => new {|CS0246:BasicAWSCredentialsV9|}("{{KeyId}}", "{{SecretKey}}");
        }
        """, sdk);
}
