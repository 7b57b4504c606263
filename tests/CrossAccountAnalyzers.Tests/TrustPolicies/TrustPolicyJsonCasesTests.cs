using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.ExternalId;
using CrossAccountAnalyzers.Tests.Infrastructure;
using CrossAccountAnalyzers.TrustPolicies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace CrossAccountAnalyzers.Tests.TrustPolicies;

/// <summary>
/// Real trust-policy shapes (AWS documentation examples of third-party, service, federated and organization trust,
/// and the mistakes seen in public code), each written as a raw string in <c>CreateRoleRequest.AssumeRolePolicyDocument</c>
/// and run through every JSON rule (CXA3001, CXA3002, CXA3003 switched on, CXA1003). Each expectation is
/// <c>ID: exact underlined source text</c>, so the squiggle is checked along with the rule.
/// </summary>
public class TrustPolicyJsonCasesTests
{
    private const string Iam = """
        namespace Amazon.IdentityManagement.Model
        {
            public class CreateRoleRequest { public string RoleName { get; set; } public string AssumeRolePolicyDocument { get; set; } }
            public class UpdateAssumeRolePolicyRequest { public string RoleName { get; set; } public string PolicyDocument { get; set; } }
        }
        """;

    // The shipped analyzers of the rules that judge JSON policies (CXA3001-CXA3003 and CXA1003).
    private static readonly ImmutableArray<DiagnosticAnalyzer> JsonRules = ImmutableArray.Create<DiagnosticAnalyzer>(new TrustPoliciesAnalyzer(), new ExternalIdAnalyzer());

    public static TheoryData<string, string, string> Cases => new()
    {
        // --- Third-party access (IAM User Guide, "Access to AWS accounts owned by third parties") ---
        { "Doc: third party with ExternalId (the doc's sample value has spaces, which STS rejects)", """
          {
            "Version": "2012-10-17",
            "Statement": {
              "Effect": "Allow",
              "Principal": {"AWS": "Example Corp's AWS Account ID"},
              "Action": "sts:AssumeRole",
              "Condition": {"StringEquals": {"sts:ExternalId": "Unique ID Assigned by Example Corp"}}
            }
          }
          """, "CXA1003:Unique ID Assigned by Example Corp" },
        { "Doc: third party with a real account and ExternalId", """
          {
            "Version": "2012-10-17",
            "Statement": {
              "Effect": "Allow",
              "Principal": {"AWS": "111122223333"},
              "Action": "sts:AssumeRole",
              "Condition": {"StringEquals": {"sts:ExternalId": "12345-ExampleCorp"}}
            }
          }
          """, "" },
        { "Doc: third party without the condition", """
          {
            "Version": "2012-10-17",
            "Statement": {
              "Effect": "Allow",
              "Principal": {"AWS": "111122223333"},
              "Action": "sts:AssumeRole"
            }
          }
          """, "CXA3001:111122223333" },
        { "Account root ARN", """
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole"}]}
          """, "CXA3001:arn:aws:iam::444455556666:root" },
        { "aws-cn partition", """
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws-cn:iam::444455556666:root"},"Action":"sts:AssumeRole"}]}
          """, "CXA3001:arn:aws-cn:iam::444455556666:root" },
        { "aws-us-gov partition", """
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws-us-gov:iam::444455556666:root"},"Action":"sts:AssumeRole"}]}
          """, "CXA3001:arn:aws-us-gov:iam::444455556666:root" },
        { "Two accounts in an array", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::444455556666:root"]},"Action":"sts:AssumeRole"}]}
          """, "CXA3001:111122223333|CXA3001:arn:aws:iam::444455556666:root" },
        { "Account and specific role in an array", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:role/Deployer","444455556666"]},"Action":"sts:AssumeRole"}]}
          """, "CXA3001:444455556666" },
        { "Doc: cross-account role for a specific role", """
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/UpdateApp"},"Action":"sts:AssumeRole"}]}
          """, "" },
        { "Specific user", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/Alice"},"Action":"sts:AssumeRole"}]}
          """, "" },
        { "Account narrowed by aws:PrincipalArn", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole",
            "Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/ci-*"}}}]}
          """, "" },
        { "Doc: MFA condition only (still no ExternalId)", """
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole",
            "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}
          """, "CXA3001:111122223333" },
        { "Empty Condition protects nothing", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{}}]}
          """, "CXA3001:111122223333" },
        { "Condition key in another case", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"STS:EXTERNALID":"vendor-42"}}}]}
          """, "" },
        { "StringLike ExternalId", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringLike":{"sts:ExternalId":"tenant-*"}}}]}
          """, "" },
        { "StringLike ExternalId * accepts any value: as if absent", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringLike":{"sts:ExternalId":"*"}}}]}
          """, "CXA3001:111122223333" },
        { "StringLike ExternalId [?*] accepts any value: as if absent", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringLike":{"sts:ExternalId":["tenant-1","?*"]}}}]}
          """, "CXA3001:111122223333" },
        { "Any principal, StringLike PrincipalOrgID * narrows nothing", """
          {"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringLike":{"aws:PrincipalOrgID":"*"}}}]}
          """, "CXA3002:*" },
        { "Service, ArnLike SourceArn * narrows nothing", """
          {"Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"ArnLike":{"aws:SourceArn":"*"}}}]}
          """, "CXA3003:sns.amazonaws.com" },
        { "ForAnyValue:StringEquals with several ids", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"ForAnyValue:StringEquals":{"sts:ExternalId":["id-1","id-2"]}}}]}
          """, "" },
        { "StringEqualsIfExists passes when no ExternalId is sent", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringEqualsIfExists":{"sts:ExternalId":"id-1"}}}]}
          """, "CXA3001:111122223333" },
        { "ForAllValues passes when no ExternalId is sent", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"ForAllValues:StringEquals":{"sts:ExternalId":["id-1"]}}}]}
          """, "CXA3001:111122223333" },
        { "StringNotEquals requires nothing", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringNotEquals":{"sts:ExternalId":"old-id"}}}]}
          """, "CXA3001:111122223333" },
        { "Action array with TagSession", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":["sts:AssumeRole","sts:TagSession"]}]}
          """, "CXA3001:111122223333" },
        { "Action sts:*", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:*"}]}
          """, "CXA3001:111122223333" },
        { "Action *", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"*"}]}
          """, "CXA3001:111122223333" },
        { "Action in another case with a wildcard", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"STS:Assume*"}]}
          """, "CXA3001:111122223333" },
        { "Deny statement grants nothing", """
          {"Statement":[{"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}]}
          """, "" },
        { "Allow with ExternalId next to a Deny", """
          {"Statement":[
            {"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"vendor-42"}}},
            {"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:SecureTransport":"false"}}}
          ]}
          """, "" },
        { "Two statements, one protected", """
          {"Statement":[
            {"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"vendor-42"}}},
            {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole"}
          ]}
          """, "CXA3001:arn:aws:iam::444455556666:root" },
        { "Doc: GitHub OIDC web identity (not sts:AssumeRole)", """
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
            "Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
            "Action":"sts:AssumeRoleWithWebIdentity",
            "Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:octo-org/*"}}}]}
          """, "" },
        { "Doc: SAML federation", """
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/ExampleOrgSSOProvider"},
            "Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}
          """, "" },
        { "Doc: Lambda execution role", """
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}
          """, "CXA3003:lambda.amazonaws.com" },
        { "Doc: service role with confused-deputy conditions", """
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudformation.amazonaws.com"},"Action":"sts:AssumeRole",
            "Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"},"ArnLike":{"aws:SourceArn":"arn:aws:cloudformation:us-east-1:111122223333:stack/*"}}}]}
          """, "" },
        { "Service principal array, source condition IfExists only", """
          {"Statement":[{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","ecs-tasks.amazonaws.com"]},"Action":"sts:AssumeRole",
            "Condition":{"ArnLikeIfExists":{"aws:SourceArn":"arn:aws:ecs:*:111122223333:*"}}}]}
          """, "CXA3003:ec2.amazonaws.com|CXA3003:ecs-tasks.amazonaws.com" },
        { "Service and account in one principal", """
          {"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com","AWS":"111122223333"},"Action":"sts:AssumeRole"}]}
          """, "CXA3003:ec2.amazonaws.com|CXA3001:111122223333" },
        { "Principal *", """
          {"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}
          """, "CXA3002:*" },
        { "AWS *", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}
          """, "CXA3002:*" },
        { "Doc: organization-wide trust with aws:PrincipalOrgID", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]}
          """, "" },
        { "Any principal with an ExternalId", """
          {"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"vendor-42"}}}]}
          """, "" },
        { "Any principal, org condition IfExists only", """
          {"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]}
          """, "CXA3002:*" },
        { "NotPrincipal with Allow", """
          {"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/Blocked"},"Action":"sts:AssumeRole"}]}
          """, "CXA3002:{\"AWS\":\"arn:aws:iam::111122223333:role/Blocked\"}" },
        { "NotAction with Allow", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/Deployer"},"NotAction":"iam:*"}]}
          """, "CXA3002:iam:*" },
        { "NotAction that excludes AssumeRole", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/Deployer"},"NotAction":"sts:*"}]}
          """, "" },
        { "ExternalId too short", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x"}}}]}
          """, "CXA1003:x" },
        { "ExternalId with a forbidden character", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"tenant#42"}}}]}
          """, "CXA1003:tenant#42" },
        { "ExternalId template placeholder filled in later", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"{ExternalId}"}}}]}
          """, "" },
        { "Account template placeholder", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{AccountId}:root"},"Action":"sts:AssumeRole"}]}
          """, "CXA3001:arn:aws:iam::{AccountId}:root" },
        { "Template whose Condition is filled in later (not JSON)", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{AccountId}:root"},"Action":"sts:AssumeRole"{Condition}}]}
          """, "" },
        { "CloudFormation pseudo parameter", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${AWS::AccountId}:root"},"Action":"sts:AssumeRole"}]}
          """, "" },
        { "Canonical user principal", """
          {"Statement":[{"Effect":"Allow","Principal":{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},"Action":"sts:AssumeRole"}]}
          """, "" },
        { "Effect written in lower case is not Allow", """
          {"Statement":[{"Effect":"allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}]}
          """, "" },
        { "Truncated policy", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"
          """, "" },
        { "Permissions policy, not a trust policy", """
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::111122223333:role/Deployer"}]}
          """, "" },
        { "Unicode escape inside the principal", """
          {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:\u0072oot"},"Action":"sts:AssumeRole"}]}
          """, "CXA3001:arn:aws:iam::111122223333:\\u0072oot" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Policy(string name, string json, string expected)
    {
        var indented = string.Join("\n", json.TrimEnd().Split('\n').Select(line => "            " + line));
        var source = Iam + "\nclass Roles\n{\n    object Create() => new Amazon.IdentityManagement.Model.CreateRoleRequest\n    {\n        AssumeRolePolicyDocument = \"\"\"\n"
                     + indented + "\n            \"\"\",\n    };\n}\n";
        var compilation = await AnalyzerRunner.CompileAsync(AwsSdk.V4, source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            compilation.Options.SpecificDiagnosticOptions.SetItem(DiagnosticIds.ServicePrincipalWithoutSourceCondition, ReportDiagnostic.Warn)));

        var result = await AnalyzerRunner.RunAsync(compilation, JsonRules, CancellationToken.None);

        Assert.Empty(result.Exceptions);
        var actual = result.Diagnostics
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => d.Id + ":" + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan))
            .ToArray();
        var wanted = expected.Length == 0 ? Array.Empty<string>() : expected.Split('|');
        Assert.True(wanted.SequenceEqual(actual), $"{name}\nexpected: {string.Join(" | ", wanted)}\nactual:   {string.Join(" | ", actual)}");
    }

    [Fact]
    public void TheSuiteHasAtLeast35Cases() => Assert.True(Cases.Count >= 35);
}
