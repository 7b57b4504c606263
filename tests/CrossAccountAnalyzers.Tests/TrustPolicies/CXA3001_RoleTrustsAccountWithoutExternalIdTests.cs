using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.RoleTrustsAccountWithoutExternalIdRule,
    CrossAccountAnalyzers.CodeFixes.TrustPolicies.RoleTrustsAccountWithoutExternalIdCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.TrustPolicies;

public partial class CXA3001_RoleTrustsAccountWithoutExternalIdTests
{
    internal const string Usings = """
        using System;
        using System.Collections.Generic;
        using Amazon.CDK;
        using Amazon.CDK.AWS.IAM;
        using Constructs;

        """;

    [Fact]
    public Task AccountPrincipals_WithoutExternalIds_AreReported() => VerifyCS.AnalyzerAsync(Usings + """
        class TrustStack : Stack
        {
            const string Vendor = "999988887777";

            public TrustStack(Construct scope, string id, string partnerAccount) : base(scope, id)
            {
                new Role(this, "A", new RoleProps { AssumedBy = {|#0:new AccountPrincipal("111122223333")|} });
                new Role(this, "B", new RoleProps { AssumedBy = [|new AccountPrincipal(Vendor)|], ExternalIds = new string[0] });
                new Role(this, "C", new RoleProps { AssumedBy = [|new ArnPrincipal("arn:aws:iam::111122223333:root")|], ExternalIds = Array.Empty<string>() });
                new Role(this, "D", new RoleProps { AssumedBy = [|new ArnPrincipal("arn:aws-cn:iam::111122223333:root")|] });
                new Role(this, "E", new RoleProps { AssumedBy = [|new ArnPrincipal("111122223333")|] });
                new Role(this, "F", new RoleProps { AssumedBy = new CompositePrincipal(new ServicePrincipal("lambda.amazonaws.com"), [|new AccountPrincipal(partnerAccount)|]) });

                var props = new RoleProps { RoleName = "Later" };
                props.AssumedBy = [|new AccountPrincipal("111122223333")|];
                new Role(this, "G", props);
            }
        }
        """, AwsSdk.Cdk, VerifyCS.Diagnostic().WithArguments("account 111122223333"));

    [Fact]
    public Task ProtectedOrOwnOrSpecific_AreNotReported() => VerifyCS.AnalyzerAsync(Usings + """
        class TrustStack : Stack
        {
            public TrustStack(Construct scope, string id, string externalId, string[] ids) : base(scope, id)
            {
                new Role(this, "ExternalIds", new RoleProps { AssumedBy = new AccountPrincipal("111122223333"), ExternalIds = new[] { externalId } });
                new Role(this, "FromParameter", new RoleProps { AssumedBy = new AccountPrincipal("111122223333"), ExternalIds = ids });
                new Role(this, "Condition", new RoleProps
                {
                    AssumedBy = new AccountPrincipal("111122223333").WithConditions(new Dictionary<string, object>
                    {
                        { "StringEquals", new Dictionary<string, object> { { "sts:ExternalId", externalId } } },
                    }),
                });
                new Role(this, "Wrapped", new RoleProps
                {
                    AssumedBy = new PrincipalWithConditions(new AccountPrincipal("111122223333"), new Dictionary<string, object>
                    {
                        ["StringEquals"] = new Dictionary<string, object> { ["STS:EXTERNALID"] = "generated-per-customer" },
                    }),
                });
                new Role(this, "PrincipalArn", new RoleProps
                {
                    AssumedBy = new AccountPrincipal("111122223333").WithConditions(new Dictionary<string, object>
                    {
                        { "ArnEquals", new Dictionary<string, object> { { "aws:PrincipalArn", "arn:aws:iam::111122223333:role/Deployer" } } },
                    }),
                });
                new Role(this, "Own", new RoleProps { AssumedBy = new AccountRootPrincipal() });
                new Role(this, "This", new RoleProps { AssumedBy = new AccountPrincipal(this.Account) });
                new Role(this, "Of", new RoleProps { AssumedBy = new AccountPrincipal(Stack.Of(this).Account) });
                new Role(this, "Token", new RoleProps { AssumedBy = new AccountPrincipal(Aws.ACCOUNT_ID) });
                new Role(this, "OwnArn", new RoleProps { AssumedBy = new ArnPrincipal($"arn:aws:iam::{this.Account}:root") });
                new Role(this, "SpecificRole", new RoleProps { AssumedBy = new ArnPrincipal("arn:aws:iam::111122223333:role/Deployer") });
                new Role(this, "Service", new RoleProps { AssumedBy = new ServicePrincipal("lambda.amazonaws.com") });
                new Role(this, "Federated", new RoleProps { AssumedBy = new FederatedPrincipal("cognito-identity.amazonaws.com", new Dictionary<string, object>(), "sts:AssumeRoleWithWebIdentity") });
                new Role(this, "Unknown", new RoleProps { AssumedBy = PrincipalFor(id) });
            }

            static IPrincipal PrincipalFor(string id) => new AccountRootPrincipal();
        }
        """, AwsSdk.Cdk);

    [Fact]
    public Task TrustedAccounts_AreNotReported() => VerifyCS.AnalyzerAsync(Usings + """
        class TrustStack : Stack
        {
            public TrustStack(Construct scope, string id) : base(scope, id)
            {
                new Role(this, "Trusted", new RoleProps { AssumedBy = new AccountPrincipal("111122223333") });
                new Role(this, "Other", new RoleProps { AssumedBy = [|new AccountPrincipal("999988887777")|] });
            }
        }
        """, AwsSdk.Cdk, "cxa_trusted_account_ids = 111122223333");

    [Fact]
    public Task NoCdkReference_IsNotReported() => VerifyCS.AnalyzerAsync("""
        namespace Amazon.CDK.AWS.IAM.Fake
        {
            class AccountPrincipal { public AccountPrincipal(object id) { } }
            class RoleProps { public object AssumedBy { get; set; } }
            class Use { object M() => new RoleProps { AssumedBy = new AccountPrincipal("111122223333") }; }
        }
        """, AwsSdk.V4);

    [Fact]
    public Task Fix_AddsExternalIds_FromParameterInScope() => VerifyCS.CodeFixAsync(Usings + """
        class TrustStack : Stack
        {
            public TrustStack(Construct scope, string id, string vendorExternalId) : base(scope, id)
            {
                new Role(this, "Vendor", new RoleProps
                {
                    AssumedBy = [|new AccountPrincipal("111122223333")|],
                    RoleName = "VendorAccess",
                });
            }
        }
        """, Usings + """
        class TrustStack : Stack
        {
            public TrustStack(Construct scope, string id, string vendorExternalId) : base(scope, id)
            {
                new Role(this, "Vendor", new RoleProps
                {
                    AssumedBy = new AccountPrincipal("111122223333"),
                    RoleName = "VendorAccess",
                    ExternalIds = new[] { vendorExternalId },
                });
            }
        }
        """, AwsSdk.Cdk, "CXA3001.InScope");

    [Fact]
    public Task FixAll_Configuration_ReplacesEmptyExternalIds() => VerifyCS.CodeFixAsync(Usings + """
        class TrustStack : Stack
        {
            public TrustStack(Construct scope, string id) : base(scope, id)
            {
                new Role(this, "A", new RoleProps { AssumedBy = [|new AccountPrincipal("111122223333")|], ExternalIds = new string[0] });
                new Role(this, "B", new RoleProps { AssumedBy = [|new AccountPrincipal("444455556666")|] });
                new Role(this, "C", new RoleProps { AssumedBy = [|new ArnPrincipal("arn:aws:iam::777788889999:root")|] });
            }
        }
        """, Usings + """
        class TrustStack : Stack
        {
            public TrustStack(Construct scope, string id) : base(scope, id)
            {
                new Role(this, "A", new RoleProps { AssumedBy = new AccountPrincipal("111122223333"), ExternalIds = new[] { System.Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") ?? throw new InvalidOperationException("Environment variable 'AWS_EXTERNAL_ID' is not set: set the ExternalId this customer's role trust policy requires.") } });
                new Role(this, "B", new RoleProps { AssumedBy = new AccountPrincipal("444455556666"), ExternalIds = new[] { System.Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") ?? throw new InvalidOperationException("Environment variable 'AWS_EXTERNAL_ID' is not set: set the ExternalId this customer's role trust policy requires.") } });
                new Role(this, "C", new RoleProps { AssumedBy = new ArnPrincipal("arn:aws:iam::777788889999:root"), ExternalIds = new[] { System.Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") ?? throw new InvalidOperationException("Environment variable 'AWS_EXTERNAL_ID' is not set: set the ExternalId this customer's role trust policy requires.") } });
            }
        }
        """, AwsSdk.Cdk, "CXA3001.Configuration");

    [Fact]
    public Task Fix_Parameter_AddsConstructorParameter() => VerifyCS.CodeFixAsync(Usings + """
        class TrustStack : Stack
        {
            public TrustStack(Construct scope, string id) : base(scope, id)
            {
                new Role(this, "Vendor", new RoleProps { AssumedBy = [|new AccountPrincipal("111122223333")|] });
            }
        }

        class App
        {
            void Main(Construct app) => new TrustStack(app, "Trust");
        }
        """, Usings + """
        class TrustStack : Stack
        {
            public TrustStack(Construct scope, string id, string externalId) : base(scope, id)
            {
                new Role(this, "Vendor", new RoleProps { AssumedBy = new AccountPrincipal("111122223333"), ExternalIds = new[] { externalId } });
            }
        }

        class App
        {
            void Main(Construct app) => new TrustStack(app, "Trust", System.Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") ?? throw new InvalidOperationException("Environment variable 'AWS_EXTERNAL_ID' is not set: set the ExternalId this customer's role trust policy requires."));
        }
        """, AwsSdk.Cdk, "CXA3001.Parameter");
}
