using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Policies;
using CrossAccountAnalyzers.Tests.Infrastructure;
using CrossAccountAnalyzers.TrustPolicies;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace CrossAccountAnalyzers.Tests.TrustPolicies;

/// <summary>
/// The shared entry point resource-policy rules call (<see cref="PolicyStatementReaders.Read"/>): every shape gives
/// the same statements, with effect and actions, whatever the action.
/// </summary>
public class PolicyStatementReadersTests
{
    private const string Source = CXA3001_RoleTrustsAccountWithoutExternalIdTests.Usings + """
        using System.Text.Json;
        using Newtonsoft.Json.Linq;

        class Policies : Stack
        {
            static void Use(string name, object value) { }

            Policies(Construct scope, string id, string[] actions) : base(scope, id)
            {
                var publish = new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sns:Publish" }, Principals = new[] { new ServicePrincipal("events.amazonaws.com") } });
                publish.AddSourceArnCondition("arn:aws:events:eu-west-1:111122223333:rule/x");
                Use("cdk", publish);

                var deny = new PolicyStatement(new PolicyStatementProps { Effect = Effect.DENY });
                deny.AddActions("s3:*");
                deny.AddAnyPrincipal();
                Use("deny", deny);

                Use("unknown", new PolicyStatement(new PolicyStatementProps { Actions = actions, Principals = new[] { new AnyPrincipal() } }));

                Use("document", new PolicyDocument(new PolicyDocumentProps { Statements = new[] { publish, deny } }));

                Use("object", new
                {
                    Statement = new object[]
                    {
                        new { Effect = "Allow", Principal = new { Service = "sqs.amazonaws.com" }, Action = new[] { "sqs:SendMessage" } },
                        new { Effect = "Allow", Principal = "*", NotAction = "s3:DeleteObject" },
                    },
                });

                Use("serialized", JsonSerializer.Serialize(new Dictionary<string, object> { ["Statement"] = new Dictionary<string, object> { ["Effect"] = "Deny", ["Principal"] = "*", ["Action"] = "kms:*" } }));

                Use("json", "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sqs:SendMessage\"}]}");

                Use("jobject", new JObject { ["Statement"] = new JArray(new JObject { ["Effect"] = "Allow", ["Principal"] = new JObject { ["AWS"] = "*" }, ["Action"] = "sns:Subscribe" }) });

                Use("fromJson", PolicyDocument.FromJson(new { Statement = new { Effect = "Allow", Principal = new { AWS = "*" }, Action = "lambda:InvokeFunction" } }));
            }
        }
        """;

    private static async Task<ImmutableArray<PolicyStatement>> ReadAsync(string name)
    {
        var compilation = await AnalyzerRunner.CompileAsync(AwsSdk.Cdk, Source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var call = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Single(i => i.Expression.ToString() == "Use" && i.ArgumentList.Arguments[0].ToString() == "\"" + name + "\"");
        var operation = (IInvocationOperation)model.GetOperation(call)!;
        return PolicyStatementReaders.Read(operation.Arguments[1].Value, AwsTypes.Get(compilation), HardCodedValueEvaluator.Get(compilation), CancellationToken.None);
    }

    [Fact]
    public async Task CdkStatement_WithLaterCalls()
    {
        var statement = Assert.Single(await ReadAsync("cdk"));
        Assert.Equal(PolicyEffect.Allow, statement.Effect);
        Assert.True(statement.Actions.Covers("sns:Publish"));
        Assert.False(statement.IsTrustStatement);
        var principal = Assert.Single(statement.Principals);
        Assert.Equal(TrustPrincipalKind.Service, principal.Kind);
        Assert.Equal("events.amazonaws.com", principal.Name);
        Assert.True(statement.Conditions.Has("aws:SourceArn"));
    }

    [Fact]
    public async Task CdkStatement_Deny_AndUnknownActions()
    {
        var deny = Assert.Single(await ReadAsync("deny"));
        Assert.Equal(PolicyEffect.Deny, deny.Effect);
        Assert.True(deny.Actions.Covers("s3:GetObject"));
        Assert.Equal(TrustPrincipalKind.Any, Assert.Single(deny.Principals).Kind);

        var unknown = Assert.Single(await ReadAsync("unknown"));
        Assert.True(unknown.Actions.IsUnknown);
        Assert.False(unknown.Allows("s3:GetObject"));
    }

    [Fact]
    public async Task CdkDocument_GivesItsStatements()
        => Assert.Equal(new[] { PolicyEffect.Allow, PolicyEffect.Deny }, (await ReadAsync("document")).Select(s => s.Effect));

    [Fact]
    public async Task ObjectBuilt_AnonymousObjects()
    {
        var statements = await ReadAsync("object");
        Assert.Equal(2, statements.Length);
        Assert.True(statements[0].Allows("sqs:SendMessage"));
        Assert.Equal("sqs.amazonaws.com", Assert.Single(statements[0].Principals).Name);
        Assert.True(statements[1].Actions.IsNegated);
        Assert.True(statements[1].Allows("s3:GetObject"));
        Assert.False(statements[1].Allows("s3:DeleteObject"));
    }

    [Fact]
    public async Task SerializedJsonAndJObject()
    {
        var serialized = Assert.Single(await ReadAsync("serialized"));
        Assert.Equal(PolicyEffect.Deny, serialized.Effect);

        var json = Assert.Single(await ReadAsync("json"));
        Assert.True(json.Allows("sqs:SendMessage"));
        Assert.Equal("111122223333", Assert.Single(json.Principals).Account);

        var jobject = Assert.Single(await ReadAsync("jobject"));
        Assert.True(jobject.Allows("sns:Subscribe"));
        Assert.Equal(TrustPrincipalKind.Any, Assert.Single(jobject.Principals).Kind);

        var fromJson = Assert.Single(await ReadAsync("fromJson"));
        Assert.True(fromJson.Allows("lambda:InvokeFunction"));
    }
}
