using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using static CrossAccountAnalyzers.Tests.Infrastructure.TestSecrets;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.Credentials.HardCodedClientCredentialsRule,
    CrossAccountAnalyzers.CodeFixes.Credentials.HardCodedClientCredentialsCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.Credentials;

/// <summary>
/// Code that only partly binds (docs/partly-bound.md): the keys are judged when every constructor that fits takes them
/// where they are written and no argument that fails to bind may be the client's config (which decides the emulator
/// exemption).
/// </summary>
public partial class CXA2001_HardCodedClientCredentialsTests
{
    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task PartlyBound_DecidingPartBinds_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + $$"""
        class Storage
        {
            // The region does not bind: it is a RegionEndpoint or a TransferUtilityConfig, never a client config.
            TransferUtility Transfer() => {|#0:new TransferUtility("{{KeyId}}", "{{SecretKey}}", {|CS0103:Missing|}.Region)|};

            // An argument that does not decide the rule (the secret) does not bind; the key ID is still written here
            // (the compiler picks a constructor that takes credentials and says so).
            IAmazonS3 Secret() => [|new AmazonS3Client({|CS1503:"{{KeyId}}"|}, {|CS0103:Vault|}.Secret)|];

            // Inside the config, a value that does not bind: the client itself binds.
            IAmazonS3 Config() => [|new AmazonS3Client("{{KeyId}}", "{{SecretKey}}", new AmazonS3Config { ForcePathStyle = {|CS0103:Settings|}.PathStyle })|];
        }
        """, sdk, VerifyCS.Diagnostic().WithLocation(0).WithArguments("TransferUtility", " (access key ID AKIA************NNBY)"));

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task PartlyBound_DecidingPartDoesNotBind_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + $$"""
        class Storage
        {
            // The third argument does not bind and may be an AmazonS3Config aimed at an emulator.
            IAmazonS3 Region() => new AmazonS3Client("{{KeyId}}", "{{SecretKey}}", {|CS0103:Missing|}.Region);
            IAmazonSecurityTokenService Token() => new AmazonSecurityTokenServiceClient("{{TemporaryKeyId}}", "{{SecretKey}}", "{{SessionToken}}", {|CS0103:Missing|}.Config);

            // The keys themselves do not bind.
            IAmazonS3 Keys() => new AmazonS3Client({|CS0103:Vault|}.KeyId, {|CS0103:Vault|}.Secret, RegionEndpoint.USEast1);

            // The created type does not bind.
            object Unbound() => new {|CS0246:AmazonS3ClientV9|}("{{KeyId}}", "{{SecretKey}}");

            // The service URL does not bind: it may be an emulator's.
            IAmazonS3 Url() => new AmazonS3Client("{{KeyId}}", "{{SecretKey}}", new AmazonS3Config { ServiceURL = {|CS0103:Settings|}.Url });
        }
        """, sdk);
}
