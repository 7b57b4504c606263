using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using static CrossAccountAnalyzers.Tests.Infrastructure.TestSecrets;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.Credentials.AccessKeyIdInSourceRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.Credentials;

/// <summary>
/// Code that only partly binds (docs/partly-bound.md): CXA2003 reads the literal's text, which always binds; it stays
/// silent where CXA2001/CXA2002 report the same key in a creation that only partly binds.
/// </summary>
public partial class CXA2003_AccessKeyIdInSourceTests
{
    [Fact]
    public Task PartlyBound_KeyInCodeThatDoesNotBind_IsReported() => VerifyCS.AnalyzerAsync($$"""
        class Keys
        {
            object Unbound() => new {|CS0246:KeyVault|}("[|{{KeyId}}|]");
            object Missing() => {|CS0103:Vault|}.Store("[|{{KeyId}}|]", "x");

            // The client may be aimed at an emulator (its config does not bind), so CXA2001 is silent: the key ID itself is reported here.
            object Client() => new Amazon.S3.AmazonS3Client("[|{{KeyId}}|]", "{{SecretKey}}", {|CS0103:Settings|}.Config);
        }
        """, AwsSdk.V4);

    [Fact]
    public Task PartlyBound_KeyReportedByTheCreation_IsNotReportedTwice() => VerifyCS.AnalyzerAsync($$"""
        class Keys
        {
            // CXA2001 reports this one (its tests show it): the key ID is not reported again.
            object Transfer() => new Amazon.S3.Transfer.TransferUtility("{{KeyId}}", "{{SecretKey}}", {|CS0103:Settings|}.Region);
        }
        """, AwsSdk.V4);
}
