using System.Linq;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Policies;
using CrossAccountAnalyzers.Tests.Infrastructure;
using CrossAccountAnalyzers.TrustPolicies;
using Xunit;
using Verify1003 = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.ExternalId.InvalidExternalIdRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Verify3001 = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.RoleTrustsAccountWithoutExternalIdRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Verify3002 = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.RoleTrustsAnyPrincipalRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.TrustPolicies;

/// <summary>Trust policies written as JSON in C# strings, judged by the same model as CDK roles.</summary>
public class TrustPolicyJsonTests
{
    /// <summary>AWSSDK.IdentityManagement is not served here: its two request types, with their real names.</summary>
    private const string Iam = """
        namespace Amazon.IdentityManagement.Model
        {
            public class CreateRoleRequest { public string RoleName { get; set; } public string AssumeRolePolicyDocument { get; set; } }
            public class UpdateAssumeRolePolicyRequest { public string RoleName { get; set; } public string PolicyDocument { get; set; } }
        }

        """;

    [Fact]
    public Task AccountPrincipal_WithoutExternalId_IsReportedAtThePrincipal() => Verify3001.AnalyzerAsync(Iam + """"
        class Roles
        {
            object Regular() => new Amazon.IdentityManagement.Model.CreateRoleRequest
            {
                RoleName = "Vendor",
                AssumeRolePolicyDocument = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"{|#0:arn:aws:iam::111122223333:root|}\"},\"Action\":\"sts:AssumeRole\"}]}",
            };

            const string Verbatim = @"{
              ""Statement"": {
                ""Effect"": ""Allow"",
                ""Principal"": { ""AWS"": [ ""[|444455556666|]"" ] },
                ""Action"": [ ""sts:AssumeRole"", ""sts:TagSession"" ]
              }
            }";

            const string Raw = """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    { "Effect": "Allow", "Principal": { "AWS": "[|arn:aws-us-gov:iam::777788889999:root|]" }, "Action": "sts:Assume*" }
                  ]
                }
                """;

            const string Concatenated = [|"{\"Statement\":[{\"Effect\":\"Allow\"," + "\"Principal\":{\"AWS\":\"123456789012\"},\"Action\":\"sts:*\"}]}"|];
        }
        """",
        AwsSdk.V4,
        Verify3001.Diagnostic().WithArguments("account 111122223333"));

    [Fact]
    public Task ProtectedSpecificOrDeny_AreNotReported() => Verify3001.AnalyzerAsync(Iam + """"
        class Roles
        {
            const string WithExternalId = """
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole",
                  "Condition":{"StringEquals":{"sts:externalid":"b0c7e6a2-generated"}}}]}
                """;
            const string IfExistsAndQualifier = """
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole",
                  "Condition":{"ForAnyValue:StringEquals":{"STS:ExternalId":["a1","b2"]}}}]}
                """;
            const string SpecificRole = """
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/Deployer"},"Action":"sts:AssumeRole"}]}
                """;
            const string PrincipalArn = """
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole",
                  "Condition":{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/Deployer"}}}]}
                """;
            const string Deny = """
                {"Statement":[{"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}]}
                """;
            const string OtherAction = """
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject"}]}
                """;
            const string Service = """
                {"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}
                """;
            const string Template = """
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"{AccountId}"},"Action":"sts:AssumeRole"{Condition}}]}
                """;
            const string Truncated = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\"";
            const string Nested = "{\"Statement\":" + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" + "]}";
        }
        """", AwsSdk.V4);

    [Fact]
    public Task UpdateAssumeRolePolicy_PropertyAssignmentStyle_WithALocalPolicy() => Verify3001.AnalyzerAsync(Iam + """
        class Roles
        {
            object Update(bool strict)
            {
                var policy = @"{ ""Statement"": [ { ""Effect"": ""Allow"", ""Principal"": { ""AWS"": ""[|arn:aws-cn:iam::111122223333:root|]"" }, ""Action"": ""sts:AssumeRole"" } ] }";
                var request = new Amazon.IdentityManagement.Model.UpdateAssumeRolePolicyRequest();
                request.RoleName = "Vendor";
                request.PolicyDocument = strict ? "{}" : policy;
                return request;
            }
        }
        """, AwsSdk.V4);

    [Fact]
    public Task EmptyCondition_ProtectsNothing() => Verify3001.AnalyzerAsync(""""
        class Roles
        {
            const string Empty = """
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"[|111122223333|]"},"Action":"sts:AssumeRole","Condition":{}}]}
                """;
        }
        """", AwsSdk.V4);

    [Fact]
    public Task TrustedAccounts_AreNotReported() => Verify3001.AnalyzerAsync(""""
        class Roles
        {
            const string Own = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}]}""";
        }
        """", AwsSdk.V4, "cxa_trusted_account_ids = 111122223333");

    [Fact]
    public Task AnyPrincipal_AndNotPrincipal_AreReported() => Verify3002.AnalyzerAsync(""""
        class Roles
        {
            const string Star = """{"Statement":[{"Effect":"Allow","Principal":"[|*|]","Action":"sts:AssumeRole"}]}""";
            const string AwsStar = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":["[|*|]"]},"Action":"sts:AssumeRole"}]}""";
            const string Not = """{"Statement":[{"Effect":"Allow","NotPrincipal":[|{"AWS":"111122223333"}|],"NotAction":"[|s3:*|]"}]}""";
            const string Narrowed = """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}}]}""";
        }
        """", AwsSdk.V4);

    [Fact]
    public Task InvalidExternalIdInCondition_IsReported() => Verify1003.AnalyzerAsync(""""
        class Roles
        {
            const string Bad = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"[|has space|]"}}}]}""";
            const string Template = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"{ExternalId}"}}}]}""";
            const string Good = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"ok-id"}}}]}""";
        }
        """", AwsSdk.V4);

    [Theory]
    [InlineData("sts:AssumeRole", true)]
    [InlineData("STS:assumerole", true)]
    [InlineData("sts:*", true)]
    [InlineData("*", true)]
    [InlineData("sts:Assume*", true)]
    [InlineData("sts:AssumeRoleWithWebIdentity", false)]
    [InlineData("s3:*", false)]
    public void ActionWildcards(string pattern, bool matches) => Assert.Equal(matches, JsonTrustPolicyReader.Matches(pattern, "sts:AssumeRole"));

    [Fact]
    public void Parser_HandlesDeepNestingAndBadInputWithoutThrowing()
    {
        Assert.Null(Json.Parse(new string('[', 10_000) + new string(']', 10_000)));
        Assert.Null(Json.Parse("{\"a\":"));
        Assert.Null(Json.Parse("{\"a\":1,}"));
        Assert.NotNull(Json.Parse("{\"a\":[[],{}],\"b\":\"\\u0041\"}"));
        var big = "{\"Statement\":[" + string.Join(",", System.Linq.Enumerable.Repeat("{\"Effect\":\"Deny\",\"Action\":\"s3:*\"}", 20_000)) + "]}";
        Assert.NotNull(Json.Parse(big));
    }

    [Theory]
    [InlineData("")]
    [InlineData("const string Escaped = \"\\u0041\";")]
    public async Task LongConcatenation_IsJudgedOnceAsAWhole(string escape)
    {
        // 2,000 literal parts that each say "Statement" (a Sid), in a file with or without an escape (which makes the
        // rules read every token): the policy is judged once, from the top, so its one open statement is one finding.
        var parts = System.Linq.Enumerable.Range(0, 2_000).Select(i => "\"{\\\"Sid\\\":\\\"Statement" + i + "\\\",\\\"Effect\\\":\\\"Deny\\\",\\\"Action\\\":\\\"s3:*\\\"},\"");
        var source = "class P { " + escape + " const string Policy = \"{\\\"Statement\\\":[\" + " + string.Join(" + ", parts)
            + " + \"{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":\\\"arn:aws:iam::111122223333:root\\\"},\\\"Action\\\":\\\"sts:AssumeRole\\\"}]}\"; }";
        var result = await AnalyzerRunner.RunAsync(AwsSdk.V4, source);

        Assert.Empty(result.Exceptions);
        Assert.Single(result.Diagnostics, d => d.Id == "CXA3001");
    }
}
