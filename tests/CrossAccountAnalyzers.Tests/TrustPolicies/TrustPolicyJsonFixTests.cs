using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.RoleTrustsAccountWithoutExternalIdRule,
    CrossAccountAnalyzers.CodeFixes.TrustPolicies.RoleTrustsAccountWithoutExternalIdCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.TrustPolicies;

/// <summary>
/// CXA3001's JSON fix: the sts:ExternalId condition inserted into the policy string in the string's own syntax
/// (raw indentation, regular escapes, verbatim doubled quotes, interpolation braces), merged with an existing
/// Condition, a placeholder in constants and a value from code in policies built in code; FixAll.
/// </summary>
public class TrustPolicyJsonFixTests
{
    private const string Placeholder = "CXA3001.Placeholder";

    private const string Iam = """
        namespace Amazon.IdentityManagement.Model
        {
            public class CreateRoleRequest { public string RoleName { get; set; } public string AssumeRolePolicyDocument { get; set; } }
        }

        """;

    [Fact]
    public Task RawMultiLine_GetsAConditionLineWithTheStatementsIndentation() => VerifyCS.CodeFixAsync(Iam + """"
        class Roles
        {
            // The policy the customer attaches to the vendor's role.
            const string Policy = """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": { "AWS": "[|arn:aws:iam::111122223333:root|]" },
                      "Action": "sts:AssumeRole"
                    }
                  ]
                }
                """;
        }
        """", Iam + """"
        class Roles
        {
            // The policy the customer attaches to the vendor's role.
            const string Policy = """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
                      "Action": "sts:AssumeRole",
                      "Condition": { "StringEquals": { "sts:ExternalId": "REPLACE_WITH_EXTERNAL_ID_FROM_THIRD_PARTY" } }
                    }
                  ]
                }
                """;
        }
        """", AwsSdk.V4, Placeholder);

    [Fact]
    public Task RegularEscapedString_KeepsItsEscapes() => VerifyCS.CodeFixAsync(Iam + """
        class Roles
        {
            object Create() => new Amazon.IdentityManagement.Model.CreateRoleRequest
            {
                RoleName = "Vendor", /* keep */
                AssumeRolePolicyDocument = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"[|111122223333|]\"},\"Action\":\"sts:AssumeRole\"}]}", // trailing
            };
        }
        """, Iam + """
        class Roles
        {
            object Create() => new Amazon.IdentityManagement.Model.CreateRoleRequest
            {
                RoleName = "Vendor", /* keep */
                AssumeRolePolicyDocument = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\", \"Condition\": { \"StringEquals\": { \"sts:ExternalId\": \"REPLACE_WITH_EXTERNAL_ID_FROM_THIRD_PARTY\" } }}]}", // trailing
            };
        }
        """, AwsSdk.V4, Placeholder);

    [Fact]
    public Task Verbatim_DoublesItsQuotes_AndMergesIntoAnExistingCondition() => VerifyCS.CodeFixAsync(Iam + """
        class Roles
        {
            const string Policy = @"{
              ""Statement"": {
                ""Effect"": ""Allow"",
                ""Principal"": { ""AWS"": ""[|444455556666|]"" },
                ""Action"": ""sts:AssumeRole"",
                ""Condition"": { ""Bool"": { ""aws:SecureTransport"": ""true"" } }
              }
            }";
        }
        """, Iam + """
        class Roles
        {
            const string Policy = @"{
              ""Statement"": {
                ""Effect"": ""Allow"",
                ""Principal"": { ""AWS"": ""444455556666"" },
                ""Action"": ""sts:AssumeRole"",
                ""Condition"": { ""Bool"": { ""aws:SecureTransport"": ""true"" }, ""StringEquals"": { ""sts:ExternalId"": ""REPLACE_WITH_EXTERNAL_ID_FROM_THIRD_PARTY"" } }
              }
            }";
        }
        """, AwsSdk.V4, Placeholder);

    [Fact]
    public Task ExistingStringEquals_GetsTheKey_AndAnEmptyConditionIsFilled() => VerifyCS.CodeFixAsync(Iam + """"
        class Roles
        {
            const string Existing = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"[|111122223333|]"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalTag/team":"data"}}}]}""";
            const string Empty = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"[|111122223333|]"},"Action":"sts:AssumeRole","Condition":{}}]}""";
        }
        """", Iam + """"
        class Roles
        {
            const string Existing = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalTag/team":"data", "sts:ExternalId": "REPLACE_WITH_EXTERNAL_ID_FROM_THIRD_PARTY"}}}]}""";
            const string Empty = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{ "StringEquals": { "sts:ExternalId": "REPLACE_WITH_EXTERNAL_ID_FROM_THIRD_PARTY" } }}]}""";
        }
        """", AwsSdk.V4, Placeholder);

    [Fact]
    public Task FixAll_TwoStatementsAndTwoPrincipalsOfOneStatement_OneConditionEach() => VerifyCS.CodeFixAsync(Iam + """"
        class Roles
        {
            const string Policy = """
                {"Statement": [
                  {"Effect": "Allow", "Principal": {"AWS": ["[|111122223333|]", "[|444455556666|]"]}, "Action": "sts:AssumeRole"},
                  {"Effect": "Allow", "Principal": {"AWS": "[|arn:aws:iam::777788889999:root|]"}, "Action": "sts:AssumeRole"}
                ]}
                """;
        }
        """", Iam + """"
        class Roles
        {
            const string Policy = """
                {"Statement": [
                  {"Effect": "Allow", "Principal": {"AWS": ["111122223333", "444455556666"]}, "Action": "sts:AssumeRole", "Condition": { "StringEquals": { "sts:ExternalId": "REPLACE_WITH_EXTERNAL_ID_FROM_THIRD_PARTY" } }},
                  {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::777788889999:root"}, "Action": "sts:AssumeRole", "Condition": { "StringEquals": { "sts:ExternalId": "REPLACE_WITH_EXTERNAL_ID_FROM_THIRD_PARTY" } }}
                ]}
                """;
        }
        """", AwsSdk.V4, Placeholder);

    [Fact]
    public Task ConstantConcatenation_GetsThePlaceholderInTheLiteralThatEndsTheStatement() => VerifyCS.CodeFixAsync(Iam + """
        class Roles
        {
            const string Principal = "\"Principal\":{\"AWS\":\"111122223333\"}";
            const string Policy = [|"{\"Statement\":[{\"Effect\":\"Allow\"," + Principal + ",\"Action\":\"sts:AssumeRole\"}]}"|];
        }
        """, Iam + """
        class Roles
        {
            const string Principal = "\"Principal\":{\"AWS\":\"111122223333\"}";
            const string Policy = "{\"Statement\":[{\"Effect\":\"Allow\"," + Principal + ",\"Action\":\"sts:AssumeRole\", \"Condition\": { \"StringEquals\": { \"sts:ExternalId\": \"REPLACE_WITH_EXTERNAL_ID_FROM_THIRD_PARTY\" } }}]}";
        }
        """, AwsSdk.V4, Placeholder);

    [Fact]
    public Task BuiltInCode_RawInterpolation_GetsTheExternalIdInScopeAsAHole() => VerifyCS.CodeFixWithoutMarkupAsync(Iam + """"
        class Roles
        {
            string Policy(string customerAccountId, string externalId) => $$"""
                {
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": { "AWS": "arn:aws:iam::{{customerAccountId}}:root" },
                      "Action": "sts:AssumeRole"
                    }
                  ]
                }
                """;
        }
        """", Iam + """"
        class Roles
        {
            string Policy(string customerAccountId, string externalId) => $$"""
                {
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": { "AWS": "arn:aws:iam::{{customerAccountId}}:root" },
                      "Action": "sts:AssumeRole",
                      "Condition": { "StringEquals": { "sts:ExternalId": "{{externalId}}" } }
                    }
                  ]
                }
                """;
        }
        """", AwsSdk.V4, "CXA3001.InScope", new Microsoft.CodeAnalysis.Testing.DiagnosticResult("CXA3001", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithSpan(7, 67, 17, 12).WithSpan(7, 67, 17, 12).WithArguments("another account"));

    [Fact]
    public Task BuiltInCode_RegularInterpolation_NewParameterPassedByCallers() => VerifyCS.CodeFixAsync(Iam + """
        class Roles
        {
            string Policy(string account) => [|$"{{\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"arn:aws:iam::{account}:root\"}},\"Action\":\"sts:AssumeRole\"}}]}}"|];

            string Caller(string externalId) => Policy("111122223333");
        }
        """, Iam + """
        class Roles
        {
            string Policy(string account, string externalId) => $"{{\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"arn:aws:iam::{account}:root\"}},\"Action\":\"sts:AssumeRole\", \"Condition\": {{ \"StringEquals\": {{ \"sts:ExternalId\": \"{externalId}\" }} }}}}]}}";

            string Caller(string externalId) => Policy("111122223333", externalId);
        }
        """, AwsSdk.V4, "CXA3001.Parameter");

    [Fact]
    public Task BuiltInCode_Concatenation_SplicesTheValueBetweenLiterals() => VerifyCS.CodeFixAsync(Iam + """
        class Roles
        {
            string Policy(string account, string externalId)
                => [|"{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"|];
        }
        """, Iam + """
        class Roles
        {
            string Policy(string account, string externalId)
                => "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":root\"},\"Action\":\"sts:AssumeRole\", \"Condition\": { \"StringEquals\": { \"sts:ExternalId\": \"" + externalId + "\" } }}]}";
        }
        """, AwsSdk.V4, "CXA3001.InScope");
}
