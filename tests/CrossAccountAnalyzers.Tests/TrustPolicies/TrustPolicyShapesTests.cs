using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using Verify3001 = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.RoleTrustsAccountWithoutExternalIdRule,
    CrossAccountAnalyzers.CodeFixes.TrustPolicies.RoleTrustsAccountWithoutExternalIdCodeFixProvider>;
using Verify3002 = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.RoleTrustsAnyPrincipalRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Verify3003 = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.ServicePrincipalWithoutSourceConditionRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.TrustPolicies;

/// <summary>
/// Trust policies in every C# shape, read into the one policy model and judged by the same judges: CDK statements
/// added to <c>AssumeRolePolicy</c>, CDK L1 <c>CfnRole</c> documents, and policies built as objects and serialized.
/// </summary>
public class TrustPolicyShapesTests
{
    private const string Usings = CXA3001_RoleTrustsAccountWithoutExternalIdTests.Usings;

    private const string Enable3003 = "dotnet_diagnostic.CXA3003.severity = suggestion";

    /// <summary>AWSSDK.IdentityManagement is not served here: its two request types, with their real names.</summary>
    private const string Iam = """
        using System.Collections.Generic;
        using System.Text.Json;
        using Amazon.IdentityManagement.Model;

        namespace Amazon.IdentityManagement.Model
        {
            public class CreateRoleRequest { public string RoleName { get; set; } public string AssumeRolePolicyDocument { get; set; } }
            public class UpdateAssumeRolePolicyRequest { public string RoleName { get; set; } public string PolicyDocument { get; set; } }
        }

        """;

    private static string Stack(string body, string parameters = "", string members = "") => Usings + $@"
class TrustStack : Stack
{{
    public TrustStack(Construct scope, string id{parameters}) : base(scope, id)
    {{
        var role = new Role(this, ""R"", new RoleProps {{ AssumedBy = new ServicePrincipal(""ec2.amazonaws.com"").WithConditions(new Dictionary<string, object> {{ [""StringEquals""] = new Dictionary<string, object> {{ [""aws:SourceAccount""] = this.Account }} }}) }});
{Indent(body)}
    }}
{members}
}}
";

    private static string Indent(string body) => "        " + body.Replace("\n", "\n        ", System.StringComparison.Ordinal);

    // ---- CDK statements on role.AssumeRolePolicy: CXA3001 ----

    [Fact]
    public Task CdkStatement_WithProps_IsReported() => Verify3001.AnalyzerAsync(Stack("""
        role.AssumeRolePolicy.AddStatements(new PolicyStatement(new PolicyStatementProps
        {
            Principals = new IPrincipal[] { {|#0:new AccountPrincipal("111122223333")|} },
            Actions = new[] { "sts:AssumeRole" },
        }));
        """), AwsSdk.Cdk, Verify3001.Diagnostic().WithArguments("account 111122223333"));

    [Fact]
    public Task CdkStatement_InVariable_FilledLater_IsReported() => Verify3001.AnalyzerAsync(Stack("""
        var stmt = new PolicyStatement();
        stmt.AddActions("sts:AssumeRole", "sts:TagSession");
        stmt.AddPrincipals([|new AccountPrincipal("111122223333")|]);
        role.AssumeRolePolicy?.AddStatements(stmt);
        var trust = role.AssumeRolePolicy;
        trust.AddStatements(new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Principals = new[] { [|new AccountPrincipal("444455556666")|] } }));
        """), AwsSdk.Cdk);

    [Fact]
    public Task CdkStatement_AddAwsAccountAndArnPrincipal_AreReported() => Verify3001.AnalyzerAsync(Stack("""
        var a = new PolicyStatement(new PolicyStatementProps { Effect = Effect.ALLOW, Actions = new[] { "sts:*" } });
        [|a.AddAwsAccountPrincipal("444455556666")|];
        [|a.AddArnPrincipal("arn:aws:iam::777788889999:root")|];
        a.AddArnPrincipal("arn:aws:iam::777788889999:role/Deployer");
        role.AssumeRolePolicy.AddStatements(a);
        """), AwsSdk.Cdk);

    [Fact]
    public Task CdkStatement_AccountFromParameter_WildcardAction_IsReported() => Verify3001.AnalyzerAsync(Stack("""
        var props = new PolicyStatementProps { Actions = new[] { "*" } };
        props.Principals = new[] { {|#0:new AccountPrincipal(partnerAccount)|} };
        role.AssumeRolePolicy.AddStatements(new PolicyStatement(props));
        """, ", string partnerAccount"), AwsSdk.Cdk, Verify3001.Diagnostic().WithArguments("another account"));

    [Fact]
    public Task CdkStatement_AnyValueExternalId_IsAsIfAbsent() => Verify3001.AnalyzerAsync(Stack("""
        var stmt = new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Principals = new[] { [|new AccountPrincipal("111122223333")|] } });
        stmt.AddCondition("StringLike", new Dictionary<string, object> { ["sts:ExternalId"] = "*" });
        role.AssumeRolePolicy.AddStatements(stmt);
        role.AssumeRolePolicy.AddStatements(new PolicyStatement(new PolicyStatementProps
        {
            Actions = new[] { "sts:AssumeRole" },
            Principals = new[] { [|new AccountPrincipal("444455556666")|] },
            Conditions = new Dictionary<string, object> { ["StringLike"] = new Dictionary<string, object> { ["sts:ExternalId"] = new[] { "?*" } } },
        }));
        """), AwsSdk.Cdk);

    [Fact]
    public Task CdkStatement_LookAlikes_AreNotReported() => Verify3001.AnalyzerAsync(Stack("""
        // Identity policies: not a trust policy.
        var identity = new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Resources = new[] { "arn:aws:iam::111122223333:role/X" } });
        role.AddToPolicy(identity);
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Principals = new[] { new AccountPrincipal("111122223333") } }));
        new Policy(this, "P", new PolicyProps { Statements = new[] { new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Principals = new[] { new AccountPrincipal("111122223333") } }) } });

        // Deny, another action, the stack's own account.
        role.AssumeRolePolicy.AddStatements(new PolicyStatement(new PolicyStatementProps { Effect = Effect.DENY, Actions = new[] { "sts:AssumeRole" }, Principals = new[] { new AccountPrincipal("111122223333") } }));
        role.AssumeRolePolicy.AddStatements(new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:TagSession" }, Principals = new[] { new AccountPrincipal("111122223333") } }));
        var own = new PolicyStatement();
        own.AddActions("sts:AssumeRole");
        own.AddAccountRootPrincipal();
        own.AddAwsAccountPrincipal(this.Account);
        role.AssumeRolePolicy.AddStatements(own);

        // An ExternalId condition, written in every way.
        var withId = new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" } });
        withId.AddAwsAccountPrincipal("111122223333");
        withId.AddCondition("StringEquals", new Dictionary<string, object> { ["sts:ExternalId"] = externalId });
        role.AssumeRolePolicy.AddStatements(withId);
        role.AssumeRolePolicy.AddStatements(new PolicyStatement(new PolicyStatementProps
        {
            Actions = new[] { "sts:AssumeRole" },
            Principals = new[] { new AccountPrincipal("111122223333") },
            Conditions = new Dictionary<string, object> { { "StringEquals", new Dictionary<string, object> { { "sts:ExternalId", externalId } } } },
        }));
        var conditions = new PolicyStatement();
        conditions.AddActions("sts:AssumeRole");
        conditions.AddPrincipals(new AccountPrincipal("111122223333"));
        conditions.AddConditions(new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["sts:ExternalId"] = externalId } });
        role.AssumeRolePolicy.AddStatements(conditions);

        // What cannot be known: conditions, effect or actions from elsewhere.
        role.AssumeRolePolicy.AddStatements(new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Principals = new[] { new AccountPrincipal("111122223333") }, Conditions = Conditions() }));
        role.AssumeRolePolicy.AddStatements(new PolicyStatement(new PolicyStatementProps { Effect = effect, Actions = new[] { "sts:AssumeRole" }, Principals = new[] { new AccountPrincipal("111122223333") } }));
        role.AssumeRolePolicy.AddStatements(new PolicyStatement(new PolicyStatementProps { Actions = actions, Principals = new[] { new AccountPrincipal("111122223333") } }));
        var later = new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Principals = new[] { new AccountPrincipal("111122223333") } });
        later.AddConditions(Conditions());
        role.AssumeRolePolicy.AddStatements(later);
        """, ", string externalId, Effect effect, string[] actions", "    static IDictionary<string, object> Conditions() => new Dictionary<string, object>();"), AwsSdk.Cdk);

    [Fact]
    public Task CdkStatement_InField_AndFromJson_AreReported() => Verify3001.AnalyzerAsync(Stack("""
        _statement = new PolicyStatement();
        _statement.AddActions("sts:AssumeRole");
        [|_statement.AddAwsAccountPrincipal("111122223333")|];
        role.AssumeRolePolicy.AddStatements(_statement);
        role.AssumeRolePolicy.AddStatements(PolicyStatement.FromJson(new { Effect = "Allow", Action = "sts:AssumeRole", Principal = new { AWS = [|"444455556666"|] } }));
        """, members: "    PolicyStatement _statement;"), AwsSdk.Cdk);

    [Fact]
    public Task CdkStatement_TrustedAccount_IsNotReported() => Verify3001.AnalyzerAsync(
        Stack("""
            var stmt = new PolicyStatement();
            stmt.AddActions("sts:AssumeRole");
            stmt.AddAwsAccountPrincipal("111122223333");
            [|stmt.AddAwsAccountPrincipal("999988887777")|];
            role.AssumeRolePolicy.AddStatements(stmt);
            """),
        AwsSdk.Cdk,
        "cxa_trusted_account_ids = 111122223333");

    [Fact]
    public Task CdkStatement_AccountCondition_CountsAsExternalId() => Verify3001.AnalyzerAsync(Stack("""
        var stmt = new PolicyStatement();
        stmt.AddActions("sts:AssumeRole");
        stmt.AddAwsAccountPrincipal("111122223333");
        stmt.AddAccountCondition("444455556666");
        role.AssumeRolePolicy.AddStatements(stmt);
        """), AwsSdk.Cdk);

    // ---- CDK L1: CfnRole ----

    [Fact]
    public Task CfnRole_PolicyDocument_IsReported() => Verify3001.AnalyzerAsync(Stack("""
        new CfnRole(this, "L1", new CfnRoleProps
        {
            AssumeRolePolicyDocument = new PolicyDocument(new PolicyDocumentProps
            {
                Statements = new[] { new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Principals = new[] { [|new AccountPrincipal("111122223333")|] } }) },
            }),
        });
        var document = new PolicyDocument();
        var stmt = new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" } });
        [|stmt.AddAwsAccountPrincipal("444455556666")|];
        document.AddStatements(stmt);
        var cfn = new CfnRole(this, "L1b", new CfnRoleProps { AssumeRolePolicyDocument = document });
        """), AwsSdk.Cdk);

    [Fact]
    public Task CfnRole_DocumentAssignedLater_IsReported() => Verify3001.AnalyzerAsync(Stack("""
        var cfn = new CfnRole(this, "L1", new CfnRoleProps { AssumeRolePolicyDocument = new PolicyDocument() });
        cfn.AssumeRolePolicyDocument = new PolicyDocument(new PolicyDocumentProps
        {
            Statements = new[] { new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Principals = new[] { [|new ArnPrincipal("arn:aws:iam::111122223333:root")|] } }) },
        });
        """), AwsSdk.Cdk);

    [Fact]
    public Task CfnRole_AnonymousObject_IsReported() => Verify3001.AnalyzerAsync(Stack("""
        new CfnRole(this, "L1", new CfnRoleProps
        {
            AssumeRolePolicyDocument = new
            {
                Version = "2012-10-17",
                Statement = new[] { new { Effect = "Allow", Principal = new { AWS = [|"arn:aws:iam::111122223333:root"|] }, Action = "sts:AssumeRole" } },
            },
        });
        """), AwsSdk.Cdk);

    [Fact]
    public Task CfnRole_Dictionary_IsReported() => Verify3001.AnalyzerAsync(Stack("""
        new CfnRole(this, "L1", new CfnRoleProps
        {
            AssumeRolePolicyDocument = new Dictionary<string, object>
            {
                ["Version"] = "2012-10-17",
                ["Statement"] = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["Effect"] = "Allow",
                        ["Principal"] = new Dictionary<string, object> { ["AWS"] = new[] { [|"111122223333"|] } },
                        ["Action"] = new[] { "sts:AssumeRole" },
                    },
                },
            },
        });
        """), AwsSdk.Cdk);

    [Fact]
    public Task CfnRole_FromJsonAndJsonString_AreReported() => Verify3001.AnalyzerAsync(Stack("""
        new CfnRole(this, "FromJson", new CfnRoleProps
        {
            AssumeRolePolicyDocument = PolicyDocument.FromJson(new
            {
                Statement = new object[] { new { Effect = "Allow", Principal = new { AWS = [|"arn:aws:iam::111122223333:root"|] }, Action = new[] { "sts:AssumeRole" } } },
            }),
        });
        new CfnRole(this, "Json", new CfnRoleProps
        {
            AssumeRolePolicyDocument = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"[|444455556666|]\"},\"Action\":\"sts:AssumeRole\"}]}",
        });
        """), AwsSdk.Cdk);

    [Fact]
    public Task CfnRole_LookAlikes_AreNotReported() => Verify3001.AnalyzerAsync(Stack("""
        new CfnRole(this, "WithId", new CfnRoleProps
        {
            AssumeRolePolicyDocument = new
            {
                Statement = new[]
                {
                    new
                    {
                        Effect = "Allow",
                        Principal = new { AWS = "arn:aws:iam::111122223333:root" },
                        Action = "sts:AssumeRole",
                        Condition = new { StringEquals = new Dictionary<string, object> { ["sts:ExternalId"] = externalId } },
                    },
                },
            },
        });
        new CfnRole(this, "Own", new CfnRoleProps
        {
            AssumeRolePolicyDocument = new PolicyDocument(new PolicyDocumentProps
            {
                Statements = new[] { new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Principals = new[] { new AccountRootPrincipal() } }) },
            }),
        });
        new CfnRole(this, "Unknown", new CfnRoleProps { AssumeRolePolicyDocument = document });
        """, ", string externalId, object document"), AwsSdk.Cdk);

    // ---- Objects serialized to JSON (SDK v3 and v4) ----

    [Theory]
    [MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Serialized_AnonymousObject_IsReported(AwsSdk sdk) => Verify3001.AnalyzerAsync(Iam + """
        class Roles
        {
            CreateRoleRequest Create() => new CreateRoleRequest
            {
                RoleName = "Vendor",
                AssumeRolePolicyDocument = JsonSerializer.Serialize(new
                {
                    Version = "2012-10-17",
                    Statement = new[] { new { Effect = "Allow", Principal = new { AWS = {|#0:"arn:aws:iam::111122223333:root"|} }, Action = "sts:AssumeRole" } },
                }),
            };
        }
        """, sdk, Verify3001.Diagnostic().WithArguments("account 111122223333"));

    [Theory]
    [MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Serialized_Dictionaries_AreReported(AwsSdk sdk) => Verify3001.AnalyzerAsync(Iam + """
        class Roles
        {
            UpdateAssumeRolePolicyRequest Collection(string accountId)
            {
                var policy = new Dictionary<string, object>
                {
                    { "Version", "2012-10-17" },
                    { "Statement", new List<object> { new Dictionary<string, object> { { "Effect", "Allow" }, { "Principal", new Dictionary<string, object> { { "AWS", {|#0:$"arn:aws:iam::{accountId}:root"|} } } }, { "Action", "sts:AssumeRole" } } } },
                };
                return new UpdateAssumeRolePolicyRequest { RoleName = "Vendor", PolicyDocument = JsonSerializer.Serialize(policy) };
            }

            string Index() => JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["Statement"] = new Dictionary<string, object>
                {
                    ["Effect"] = "Allow",
                    ["Principal"] = new Dictionary<string, object> { ["AWS"] = {|#1:"444455556666"|} },
                    ["Action"] = "sts:*",
                },
            });
        }
        """, sdk, Verify3001.Diagnostic(0).WithArguments("another account"), Verify3001.Diagnostic(1).WithArguments("account 444455556666"));

    [Theory]
    [MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Serialized_AnyValueExternalId_IsReported(AwsSdk sdk) => Verify3001.AnalyzerAsync(Iam + """
        class Roles
        {
            string Policy() => JsonSerializer.Serialize(new
            {
                Statement = new[]
                {
                    new
                    {
                        Effect = "Allow",
                        Principal = new { AWS = [|"arn:aws:iam::111122223333:root"|] },
                        Action = "sts:AssumeRole",
                        Condition = new Dictionary<string, object> { ["StringLike"] = new Dictionary<string, object> { ["sts:ExternalId"] = new[] { "*" } } },
                    },
                },
            });
        }
        """, sdk);

    [Theory]
    [MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Serialized_LookAlikes_AreNotReported(AwsSdk sdk) => Verify3001.AnalyzerAsync(Iam + """
        class Roles
        {
            // An identity policy: no principal.
            string Identity() => JsonSerializer.Serialize(new { Statement = new[] { new { Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::111122223333:role/X" } } });

            // A resource policy for another action, a Deny, an ExternalId condition, conditions from elsewhere.
            string Bucket() => JsonSerializer.Serialize(new { Statement = new[] { new { Effect = "Allow", Principal = new { AWS = "arn:aws:iam::111122223333:root" }, Action = "s3:GetObject" } } });
            string Deny() => JsonSerializer.Serialize(new { Statement = new[] { new { Effect = "Deny", Principal = new { AWS = "arn:aws:iam::111122223333:root" }, Action = "sts:AssumeRole" } } });
            string WithId(string externalId) => JsonSerializer.Serialize(new
            {
                Statement = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["Effect"] = "Allow",
                        ["Principal"] = new { AWS = "arn:aws:iam::111122223333:root" },
                        ["Action"] = "sts:AssumeRole",
                        ["Condition"] = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["sts:ExternalId"] = externalId } },
                    },
                },
            });
            string Unknown(object condition) => JsonSerializer.Serialize(new { Statement = new[] { new { Effect = "Allow", Principal = new { AWS = "arn:aws:iam::111122223333:root" }, Action = "sts:AssumeRole", Condition = condition } } });
            string Filled()
            {
                var statement = new Dictionary<string, object> { ["Effect"] = "Allow", ["Principal"] = new { AWS = "arn:aws:iam::111122223333:root" } };
                statement["Action"] = "sts:AssumeRole";
                statement["Condition"] = Later();
                return JsonSerializer.Serialize(new { Statement = new[] { statement } });
            }

            static object Later() => null;

            // Not a policy at all.
            object Other() => new { Statement = "Quarterly", Principal = "*" };
        }
        """, sdk);

    [Theory]
    [MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task Serialized_InGeneratedCode_IsNotReported(AwsSdk sdk) => Verify3001.AnalyzerAsync(Iam + """
        [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
        class Generated
        {
            string Policy() => JsonSerializer.Serialize(new { Statement = new[] { new { Effect = "Allow", Principal = new { AWS = "arn:aws:iam::111122223333:root" }, Action = "sts:AssumeRole" } } });
        }
        """, sdk);

    [Fact]
    public Task Newtonsoft_JObject_IsReported() => Verify3001.AnalyzerAsync(Usings + """
        using Newtonsoft.Json.Linq;

        class Policies
        {
            string Index() => new JObject
            {
                ["Version"] = "2012-10-17",
                ["Statement"] = new JArray(new JObject
                {
                    ["Effect"] = "Allow",
                    ["Principal"] = new JObject { ["AWS"] = [|"arn:aws:iam::111122223333:root"|] },
                    ["Action"] = "sts:AssumeRole",
                }),
            }.ToString();

            string Properties() => new JObject(
                new JProperty("Version", "2012-10-17"),
                new JProperty("Statement", new JArray(new JObject(
                    new JProperty("Effect", "Allow"),
                    new JProperty("Principal", new JObject(new JProperty("AWS", [|"444455556666"|]))),
                    new JProperty("Action", "sts:AssumeRole"))))).ToString();

            string WithId(string externalId) => new JObject
            {
                ["Statement"] = new JArray(new JObject
                {
                    ["Effect"] = "Allow",
                    ["Principal"] = new JObject { ["AWS"] = "arn:aws:iam::111122223333:root" },
                    ["Action"] = "sts:AssumeRole",
                    ["Condition"] = new JObject { ["StringEquals"] = new JObject { ["sts:ExternalId"] = externalId } },
                }),
            }.ToString();
        }
        """, AwsSdk.Cdk);

    // ---- CXA3002 ----

    [Fact]
    public Task AnyPrincipal_InCdkStatements_IsReported() => Verify3002.AnalyzerAsync(Stack("""
        role.AssumeRolePolicy.AddStatements(new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Principals = new[] { [|new AnyPrincipal()|] } }));
        var stmt = new PolicyStatement();
        stmt.AddActions("sts:AssumeRole");
        [|stmt.AddAnyPrincipal()|];
        stmt.AddCondition("StringLike", new Dictionary<string, object> { ["sts:ExternalId"] = "*" });
        role.AssumeRolePolicy.AddStatements(stmt);
        new CfnRole(this, "L1", new CfnRoleProps
        {
            AssumeRolePolicyDocument = new PolicyDocument(new PolicyDocumentProps { Statements = new[] { new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Principals = new[] { [|new StarPrincipal()|] } }) } }),
        });
        """), AwsSdk.Cdk);

    [Fact]
    public Task AnyPrincipal_Narrowed_OrNotTrust_IsNotReported() => Verify3002.AnalyzerAsync(Stack("""
        var org = new PolicyStatement();
        org.AddActions("sts:AssumeRole");
        org.AddAnyPrincipal();
        org.AddCondition("StringEquals", new Dictionary<string, object> { ["aws:PrincipalOrgID"] = "o-abc123" });
        role.AssumeRolePolicy.AddStatements(org);
        var bucket = new PolicyStatement(new PolicyStatementProps { Actions = new[] { "s3:GetObject" }, Principals = new[] { new AnyPrincipal() } });
        role.AssumeRolePolicy.AddStatements(bucket);
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Principals = new[] { new AnyPrincipal() } }));
        """), AwsSdk.Cdk);

    [Theory]
    [MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task AnyPrincipal_InSerializedObjects_IsReported(AwsSdk sdk) => Verify3002.AnalyzerAsync(Iam + """
        class Roles
        {
            string Star() => JsonSerializer.Serialize(new { Statement = new[] { new { Effect = "Allow", Principal = {|#0:"*"|}, Action = "sts:AssumeRole" } } });
            string Aws() => JsonSerializer.Serialize(new { Statement = new[] { new { Effect = "Allow", Principal = new { AWS = {|#1:"*"|} }, Action = "sts:AssumeRole" } } });
            string Narrowed() => JsonSerializer.Serialize(new
            {
                Statement = new[]
                {
                    new
                    {
                        Effect = "Allow",
                        Principal = new { AWS = "*" },
                        Action = "sts:AssumeRole",
                        Condition = new { StringEquals = new Dictionary<string, object> { ["aws:PrincipalOrgID"] = "o-abc123" } },
                    },
                },
            });
        }
        """, sdk, Verify3002.Diagnostic(0).WithArguments("\"*\""), Verify3002.Diagnostic(1).WithArguments("\"*\""));

    [Fact]
    public Task AnyPrincipal_InDictionaryAndJObject_IsReported() => Verify3002.AnalyzerAsync(Usings + """
        using Newtonsoft.Json.Linq;

        class Policies
        {
            object Dictionary() => new Dictionary<string, object>
            {
                ["Statement"] = new[] { new Dictionary<string, object> { ["Effect"] = "Allow", ["Principal"] = [|"*"|], ["Action"] = "sts:AssumeRole" } },
            };

            string JObject() => new JObject
            {
                ["Statement"] = new JArray(new JObject { ["Effect"] = "Allow", ["Principal"] = new JObject { ["AWS"] = [|"*"|] }, ["Action"] = new JArray("sts:AssumeRole", "sts:TagSession") }),
            }.ToString();

            string Bucket() => new JObject
            {
                ["Statement"] = new JArray(new JObject { ["Effect"] = "Allow", ["Principal"] = "*", ["Action"] = "s3:GetObject" }),
            }.ToString();
        }
        """, AwsSdk.Cdk);

    // ---- CXA3003 ----

    [Fact]
    public Task ServicePrincipal_InCdkStatements_IsReported() => Verify3003.AnalyzerAsync(
        Stack("""
            var stmt = new PolicyStatement();
            stmt.AddActions("sts:AssumeRole");
            {|#0:stmt.AddServicePrincipal("sns.amazonaws.com")|};
            role.AssumeRolePolicy.AddStatements(stmt);
            role.AssumeRolePolicy.AddStatements(new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Principals = new[] { {|#1:new ServicePrincipal("lambda.amazonaws.com")|} } }));
            var sourced = new PolicyStatement();
            sourced.AddActions("sts:AssumeRole");
            sourced.AddServicePrincipal("sns.amazonaws.com");
            sourced.AddSourceAccountCondition(this.Account);
            role.AssumeRolePolicy.AddStatements(sourced);
            var arn = new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Principals = new[] { new ServicePrincipal("events.amazonaws.com") } });
            arn.AddSourceArnCondition("arn:aws:events:eu-west-1:111122223333:rule/x");
            role.AssumeRolePolicy.AddStatements(arn);
            role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Principals = new[] { new ServicePrincipal("lambda.amazonaws.com") } }));
            """),
        AwsSdk.Cdk,
        Enable3003,
        Verify3003.Diagnostic(Descriptors.CXA3003_ServicePrincipalWithoutSourceCondition, 0).WithArguments("sns.amazonaws.com"),
        Verify3003.Diagnostic(Descriptors.CXA3003_ServicePrincipalWithoutSourceCondition, 1).WithArguments("lambda.amazonaws.com"));

    [Theory]
    [MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task ServicePrincipal_InSerializedObjects_IsReported(AwsSdk sdk) => Verify3003.AnalyzerAsync(
        Iam + """
            class Roles
            {
                string Plain() => JsonSerializer.Serialize(new { Statement = new[] { new { Effect = "Allow", Principal = new { Service = {|#0:"ecs-tasks.amazonaws.com"|} }, Action = "sts:AssumeRole" } } });
                string Sourced() => JsonSerializer.Serialize(new
                {
                    Statement = new[]
                    {
                        new
                        {
                            Effect = "Allow",
                            Principal = new { Service = "ecs-tasks.amazonaws.com" },
                            Action = "sts:AssumeRole",
                            Condition = new { ArnLike = new Dictionary<string, object> { ["aws:SourceArn"] = "arn:aws:ecs:eu-west-1:111122223333:*" } },
                        },
                    },
                });
            }
            """,
        sdk,
        Enable3003,
        Verify3003.Diagnostic(Descriptors.CXA3003_ServicePrincipalWithoutSourceCondition, 0).WithArguments("ecs-tasks.amazonaws.com"));

    [Fact]
    public Task ServicePrincipal_InCfnRole_IsReported() => Verify3003.AnalyzerAsync(
        Stack("""
            new CfnRole(this, "L1", new CfnRoleProps
            {
                AssumeRolePolicyDocument = new PolicyDocument(new PolicyDocumentProps
                {
                    Statements = new[] { new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Principals = new[] { {|#0:new ServicePrincipal("scheduler.amazonaws.com")|} } }) },
                }),
            });
            new CfnRole(this, "Dictionary", new CfnRoleProps
            {
                AssumeRolePolicyDocument = new Dictionary<string, object>
                {
                    ["Statement"] = new[]
                    {
                        new Dictionary<string, object>
                        {
                            ["Effect"] = "Allow",
                            ["Principal"] = new Dictionary<string, object> { ["Service"] = new[] { {|#1:"glue.amazonaws.com"|} } },
                            ["Action"] = "sts:AssumeRole",
                        },
                    },
                },
            });
            """),
        AwsSdk.Cdk,
        Enable3003,
        Verify3003.Diagnostic(Descriptors.CXA3003_ServicePrincipalWithoutSourceCondition, 0).WithArguments("scheduler.amazonaws.com"),
        Verify3003.Diagnostic(Descriptors.CXA3003_ServicePrincipalWithoutSourceCondition, 1).WithArguments("glue.amazonaws.com"));

    // ---- CXA3001 fixes on CDK statements ----

    [Fact]
    public Task Fix_StatementProps_GainConditions() => Verify3001.CodeFixAsync(Stack("""
        role.AssumeRolePolicy.AddStatements(new PolicyStatement(new PolicyStatementProps
        {
            Actions = new[] { "sts:AssumeRole" },
            Principals = new[] { [|new AccountPrincipal("111122223333")|] },
        }));
        """, ", string externalId"), Stack("""
        role.AssumeRolePolicy.AddStatements(new PolicyStatement(new PolicyStatementProps
        {
            Actions = new[] { "sts:AssumeRole" },
            Principals = new[] { new AccountPrincipal("111122223333") },
            Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["sts:ExternalId"] = externalId } },
        }));
        """, ", string externalId"), AwsSdk.Cdk, "CXA3001.InScope");

    [Fact]
    public Task Fix_StatementInVariable_GetsAddCondition() => Verify3001.CodeFixAsync(Stack("""
        var stmt = new PolicyStatement();
        stmt.AddActions("sts:AssumeRole");
        [|stmt.AddAwsAccountPrincipal("111122223333")|];
        [|stmt.AddArnPrincipal("arn:aws:iam::444455556666:root")|];
        role.AssumeRolePolicy?.AddStatements(stmt);
        """, ", string externalId"), Stack("""
        var stmt = new PolicyStatement();
        stmt.AddCondition("StringEquals", new Dictionary<string, object> { ["sts:ExternalId"] = externalId });
        stmt.AddActions("sts:AssumeRole");
        stmt.AddAwsAccountPrincipal("111122223333");
        stmt.AddArnPrincipal("arn:aws:iam::444455556666:root");
        role.AssumeRolePolicy?.AddStatements(stmt);
        """, ", string externalId"), AwsSdk.Cdk, "CXA3001.InScope");

    [Fact]
    public Task Fix_StatementWithOtherConditions_Configuration_GetsAddCondition() => Verify3001.CodeFixAsync(Stack("""
        var stmt = new PolicyStatement(new PolicyStatementProps
        {
            Actions = new[] { "sts:AssumeRole" },
            Principals = new[] { [|new AccountPrincipal("111122223333")|] },
            Conditions = new Dictionary<string, object> { ["Bool"] = new Dictionary<string, object> { ["aws:MultiFactorAuthPresent"] = "true" } },
        });
        role.AssumeRolePolicy.AddStatements(stmt);
        """), Stack("""
        var stmt = new PolicyStatement(new PolicyStatementProps
        {
            Actions = new[] { "sts:AssumeRole" },
            Principals = new[] { new AccountPrincipal("111122223333") },
            Conditions = new Dictionary<string, object> { ["Bool"] = new Dictionary<string, object> { ["aws:MultiFactorAuthPresent"] = "true" } },
        });
        stmt.AddCondition("StringEquals", new Dictionary<string, object> { ["sts:ExternalId"] = System.Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") ?? throw new InvalidOperationException("Environment variable 'AWS_EXTERNAL_ID' is not set: set the ExternalId this customer's role trust policy requires.") });
        role.AssumeRolePolicy.AddStatements(stmt);
        """), AwsSdk.Cdk, "CXA3001.Configuration");
}
