using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.ExternalId.AssumeRoleWithoutExternalIdRule,
    CrossAccountAnalyzers.CodeFixes.ExternalId.AssumeRoleWithoutExternalIdCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.ExternalId;

/// <summary>An ExternalId read from a member that code we do not see writes (a DTO, bound options, an entity) is set.</summary>
public partial class CXA1001_AssumeRoleWithoutExternalIdTests
{
    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task ExternalIdFromSettableMember_IsSet(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Customer { public string RoleArn { get; set; } = ""; public string ExternalId { get; set; } = ""; }
        class TenantOptions { public string ExternalId { get; init; } = string.Empty; }
        class CustomerEntity { public string ExternalId = ""; }
        class BaseRequestModel { public string ExternalId { get; protected set; } = ""; }
        record CustomerRecord(string RoleArn, string ExternalId = "");

        class Vendor
        {
            void Build(Customer customer, TenantOptions options, CustomerEntity entity, BaseRequestModel model, CustomerRecord record, AWSCredentials source, string roleArn)
            {
                var dto = new AssumeRoleRequest { RoleArn = customer.RoleArn, RoleSessionName = "s", ExternalId = customer.ExternalId };
                var bound = new AssumeRoleAWSCredentials(source, roleArn, "s", new AssumeRoleAWSCredentialsOptions { ExternalId = options.ExternalId });
                var later = new AssumeRoleRequest { RoleArn = roleArn };
                later.ExternalId = entity.ExternalId;
                var derived = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = model.ExternalId };
                var positional = new AssumeRoleRequest { RoleArn = record.RoleArn, ExternalId = record.ExternalId };
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task ExternalIdFromMemberOnlyEverEmpty_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Defaults
        {
            public static readonly string None = "";
            public string GetOnly { get; } = "";
            public string Computed => string.Empty;
            public string PrivateSet { get; private set; } = "";
            internal string InternalField = "";
        }

        class Vendor
        {
            void Build(Defaults defaults, AWSCredentials source, string roleArn)
            {
                var a = [|new AssumeRoleRequest|] { RoleArn = roleArn, ExternalId = Defaults.None };
                var b = [|new AssumeRoleRequest|] { RoleArn = roleArn, ExternalId = defaults.GetOnly };
                var c = [|new AssumeRoleRequest|] { RoleArn = roleArn, ExternalId = defaults.Computed };
                var d = [|new AssumeRoleAWSCredentials(source, roleArn, "s", new AssumeRoleAWSCredentialsOptions { ExternalId = defaults.PrivateSet })|];
                var e = [|new AssumeRoleRequest|] { RoleArn = roleArn, ExternalId = defaults.InternalField };
            }
        }
        """, sdk);
}
