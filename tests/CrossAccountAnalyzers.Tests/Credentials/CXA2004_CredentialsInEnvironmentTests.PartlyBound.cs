using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using static CrossAccountAnalyzers.Tests.Infrastructure.TestSecrets;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.Credentials.CredentialsInEnvironmentRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.Credentials;

/// <summary>Code that only partly binds (docs/partly-bound.md): the variable name and the value decide CXA2004.</summary>
public partial class CXA2004_CredentialsInEnvironmentTests
{
    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task PartlyBound_NameAndValueBind_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync($$"""
        using System;

        class Bootstrap
        {
            void Configure()
            {
                {|CS0103:Missing|}.Prepare();
                [|Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "{{KeyId}}")|];
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task PartlyBound_NameOrValueDoesNotBind_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync($$"""
        using System;

        class Bootstrap
        {
            void Configure()
            {
                Environment.SetEnvironmentVariable({|CS0103:Names|}.KeyId, "{{KeyId}}");
                Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", {|CS0103:Vault|}.Secret);
            }
        }
        """, sdk);
}
