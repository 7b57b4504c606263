// Test-only analyzers below (a throwing rule and a host of chosen rules): not shipped, so the analyzer-project rules do not apply.
#pragma warning disable RS1001 // not exported: no [DiagnosticAnalyzer], which would bring RS1036/RS1038/RS1041 on a test project
using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using CrossAccountAnalyzers.Tests.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace CrossAccountAnalyzers.Tests.Meta;

/// <summary>
/// The package exports one analyzer hosting every rule (so the driver dispatches each operation kind once); each rule
/// is also an analyzer on its own, through the same host path, which is how its tests load it. The two must agree.
/// </summary>
public sealed class RuleHostTests
{
    private static readonly Type[] RuleTypes = typeof(CrossAccountAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CrossAccountAnalyzer).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void OnlyOneRuleGroupIsExported_AndItHostsEveryRuleOnce()
    {
        var exported = typeof(CrossAccountAnalyzer).Assembly.GetTypes().Where(t => t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null).ToArray();
        Assert.All(exported, t => Assert.True(typeof(RuleGroupAnalyzer).IsAssignableFrom(t), t.Name + " is exported but is not a rule group"));
        Assert.All(exported, t => Assert.Equal(new[] { LanguageNames.CSharp }, t.GetCustomAttribute<DiagnosticAnalyzerAttribute>()!.Languages));
        Assert.Equal(new[] { typeof(CrossAccountRulesAnalyzer) }, Groups.Select(g => g.GetType()));

        Assert.Equal(10, RuleTypes.Length);
        Assert.Equal(RuleTypes, Groups.SelectMany(g => g.Rules).Select(r => r.GetType()).OrderBy(t => t.FullName, StringComparer.Ordinal));
        Assert.Equal(
            RuleTypes.SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics).Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal),
            Groups.SelectMany(g => g.SupportedDiagnostics).Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
    }

    private static RuleGroupAnalyzer[] Groups => AnalyzerRunner.AllAnalyzers.OfType<RuleGroupAnalyzer>().ToArray();

    [Fact]
    public async Task TheExportedAnalyzerReportsExactlyWhatEachRuleReportsAlone()
    {
        var compilation = await CompileSamplesAsync();
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new Text("appsettings.json", "{ \"AccessKeyId\": \"AKIAQ3EGRMOBTCWBE3FX\" }")));

        var hosted = await AnalyzerRunner.RunAsync(compilation, AnalyzerRunner.AllAnalyzers, CancellationToken.None, options);
        var alone = await AnalyzerRunner.RunAsync(compilation, RuleTypes.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray(), CancellationToken.None, options);

        Assert.Empty(hosted.Exceptions);
        Assert.Empty(alone.Exceptions);
        var expected = alone.Diagnostics.Select(Describe).OrderBy(d => d, StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, hosted.Diagnostics.Select(Describe).OrderBy(d => d, StringComparer.Ordinal).ToArray());

        // Every rule had something to report, in code and in the additional file.
        Assert.Equal(10, hosted.Diagnostics.Select(d => d.Id).Distinct().Count());
        Assert.Contains(hosted.Diagnostics, d => d.Id == "CXA2003" && d.Location.Kind == LocationKind.ExternalFile);
    }

    [Fact]
    public async Task AGroupRegistersEachOperationKindOnce()
    {
        var compilation = await CompileSamplesAsync();
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new Text("appsettings.json", "{}")));

        // The exported analyzer: one operation action per kind any rule asks for, one semantic-model action, one
        // additional-file action, however many rules read each.
        var exported = Assert.Single(Groups);
        var types = Aws.AwsTypes.Get(compilation);
        var kinds = new System.Collections.Generic.HashSet<OperationKind>();
        var requested = 0;
        foreach (var rule in exported.Rules.Where(r => r.IsApplicable(types)))
        {
            var context = new Analysis.RuleContext(compilation) { Registering = rule };
            rule.OnCompilationStart(context, types);
            requested += context.OperationKinds.Count();
            kinds.UnionWith(context.OperationKinds);
        }

        var telemetry = (await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(exported), CancellationToken.None, options)).Telemetry[exported];
        Assert.True(requested > kinds.Count, "the rules share operation kinds");
        Assert.Equal(kinds.Count, telemetry.OperationActionsCount);
        Assert.Equal(1, telemetry.SemanticModelActionsCount);
        Assert.Equal(1, telemetry.AdditionalFileActionsCount);
        Assert.Equal(1, telemetry.CompilationStartActionsCount);
        Assert.Equal(0, telemetry.SyntaxNodeActionsCount + telemetry.SymbolActionsCount + telemetry.OperationBlockActionsCount + telemetry.CodeBlockActionsCount);

        // A group of chosen rules: CXA2001 (creations), CXA2003 (a semantic-model action and additional files) and
        // CXA2004 (invocations of SetEnvironmentVariable, found by name in the semantic-model action: no driver
        // callback per invocation).
        var host = new HostOf(new CrossAccountAnalyzers.Rules.HardCodedClientCredentialsAnalyzer(), new CrossAccountAnalyzers.Rules.AccessKeyIdInSourceAnalyzer(), new CrossAccountAnalyzers.Rules.CredentialsInEnvironmentAnalyzer());
        var hostTelemetry = (await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(host), CancellationToken.None, options)).Telemetry[host];
        Assert.Equal(1, hostTelemetry.OperationActionsCount);
        Assert.Equal(1, hostTelemetry.SemanticModelActionsCount);
        Assert.Equal(1, hostTelemetry.AdditionalFileActionsCount);
    }

    [Fact]
    public async Task WithoutAws_NothingIsRegistered()
    {
        var compilation = await AnalyzerRunner.CompileAsync(AwsSdk.None, "public static class C { public const string Key = \"AKIAQ3EGRMOBTCWBE3FX\"; public static object M() => new object(); }");
        var result = await AnalyzerRunner.RunAsync(compilation, AnalyzerRunner.AllAnalyzers, CancellationToken.None);

        Assert.Empty(result.Diagnostics);
        foreach (var telemetry in result.Telemetry.Values)
        {
            Assert.Equal(1, telemetry.CompilationStartActionsCount);
            Assert.Equal(0, telemetry.OperationActionsCount + telemetry.SemanticModelActionsCount + telemetry.AdditionalFileActionsCount + telemetry.SyntaxTreeActionsCount + telemetry.SyntaxNodeActionsCount);
        }
    }

    [Fact]
    public async Task ARuleThatThrows_DoesNotSilenceTheOthers_AndIsNamedInTheFailure()
    {
        // A rule that throws on every object creation, hosted before CXA1001, which reads the same creations.
        var compilation = await AnalyzerRunner.CompileAsync(AwsSdk.V4, """
            using Amazon.SecurityToken.Model;

            public static class Requests
            {
                public static AssumeRoleRequest Make(string roleArn) => new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "s" };
            }
            """);
        var host = new HostOf(ThrowingRule.OnCreations(), new CrossAccountAnalyzers.Rules.AssumeRoleWithoutExternalIdAnalyzer());
        var result = await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(host), CancellationToken.None);

        Assert.Contains(result.Diagnostics, d => d.Id == "CXA1001");
        var failure = Assert.IsType<Analysis.RuleFailureException>(Assert.Single(result.Exceptions));
        Assert.Contains("CXA9999 (ThrowingRule)", failure.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(failure.InnerException);
    }

    [Fact]
    public async Task TrustPolicies_AreReadOnceForAllTrustRules_AndAThrowingJudgeDoesNotSilenceTheOthers()
    {
        var compilation = await AnalyzerRunner.CompileAsync(AwsSdk.Cdk, CXA3001_RoleTrustsAccountWithoutExternalIdTests.Usings + """
            class OpenStack : Stack
            {
                public const string Policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\"}]}";

                public OpenStack(Construct scope, string id) : base(scope, id)
                {
                    new Role(this, "A", new RoleProps { AssumedBy = new AnyPrincipal() });
                }
            }
            """);

        // A judge that throws on every statement, consuming the same shared reading as CXA3002, and registered first.
        var host = new HostOf(ThrowingRule.OnTrustStatements(), new CrossAccountAnalyzers.Rules.RoleTrustsAnyPrincipalAnalyzer());
        var result = await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(host), CancellationToken.None);

        // CXA3002 still judged both statements (the CDK role and the JSON policy)...
        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == "CXA3002"));
        // ...and each failure (one per statement) names the judge's rule, not the shared reading...
        Assert.Equal(2, result.Exceptions.Length);
        Assert.All(result.Exceptions, e => Assert.Contains("CXA9999 (ThrowingRule)", Assert.IsType<Analysis.RuleFailureException>(e).Message, StringComparison.Ordinal));
        // ...and the two rules share one creation action and one semantic-model action.
        Assert.Equal(1, result.Telemetry[host].OperationActionsCount);
        Assert.Equal(1, result.Telemetry[host].SemanticModelActionsCount);
    }

    [Fact]
    public async Task CreationsOfDerivedTypes_ReachTheRules_AndOtherCreationsDoNot()
    {
        // The host matches a created type's base chain against the types the rules named (OnCreationOf): a subclass
        // of an AWS type is reached through its base, and a look-alike of the same name in another namespace is not.
        var compilation = await AnalyzerRunner.CompileAsync(AwsSdk.Cdk, CXA3001_RoleTrustsAccountWithoutExternalIdTests.Usings + """
            using Amazon.Runtime;

            class AuditRole : Role
            {
                public AuditRole(Construct scope, string id, IRoleProps props) : base(scope, id, props) { }
            }

            class Keys : BasicAWSCredentials
            {
                public Keys(string accessKey, string secretKey) : base(accessKey, secretKey) { }
            }

            namespace LookAlike
            {
                class Role { public Role(object scope, string id, object props) { } }
                class RoleProps { public object? AssumedBy { get; set; } }
                class BasicAWSCredentials { public BasicAWSCredentials(string accessKey, string secretKey) { } }
            }

            class TrustStack : Stack
            {
                public TrustStack(Construct scope, string id) : base(scope, id)
                {
                    new AuditRole(this, "A", new RoleProps { AssumedBy = new AccountPrincipal("111122223333") });
                    new LookAlike.Role(this, "B", new LookAlike.RoleProps { AssumedBy = new AccountPrincipal("111122223333") });
                    _ = new Keys("AKIARTX3GSDS7FJONNBY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9Secret0");
                    _ = new LookAlike.BasicAWSCredentials("AKIAJ5Q6Z3X4C2V7B2N4", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9Secret0");
                }
            }
            """);
        var result = await AnalyzerRunner.RunAsync(compilation, AnalyzerRunner.AllAnalyzers, CancellationToken.None);

        Assert.Empty(result.Exceptions);
        var lines = compilation.SyntaxTrees.Single().ToString().Split('\n');
        string LineOf(Diagnostic d) => lines[d.Location.GetLineSpan().StartLinePosition.Line];
        Assert.Contains("new AuditRole(", LineOf(Assert.Single(result.Diagnostics, d => d.Id == "CXA3001")), StringComparison.Ordinal);
        Assert.Contains("new Keys(", LineOf(Assert.Single(result.Diagnostics, d => d.Id == "CXA2002")), StringComparison.Ordinal);
        // The look-alike credentials are no CXA2002 sink; their key ID is still a key in source (CXA2003).
        Assert.Contains("new LookAlike.BasicAWSCredentials(", LineOf(Assert.Single(result.Diagnostics, d => d.Id == "CXA2003")), StringComparison.Ordinal);
    }

    /// <summary>A test-only rule (CXA9999) whose registration throws from every action it registers.</summary>
    private sealed class ThrowingRule : CrossAccountAnalyzer
    {
#pragma warning disable RS2008 // A test-only rule: not released.
        private static readonly DiagnosticDescriptor Descriptor = new("CXA9999", "Throws", "Throws", "Test", DiagnosticSeverity.Warning, true);
#pragma warning restore RS2008

        private readonly Action<Analysis.RuleContext, Aws.AwsTypes> _register;

        public ThrowingRule(Action<Analysis.RuleContext, Aws.AwsTypes> register) => _register = register;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        /// <summary>Throws on every object creation.</summary>
        public static ThrowingRule OnCreations() => new((context, _) => context.OnOperation(_ => Throw(), OperationKind.ObjectCreation));

        /// <summary>Throws on every trust statement, consuming the trust rules' shared reading.</summary>
        public static ThrowingRule OnTrustStatements() => new((context, types) => CrossAccountAnalyzers.Rules.TrustPolicyAnalysis.Register(context, types, _ => Throw()));

        protected internal override bool IsApplicable(Aws.AwsTypes types) => true;

        protected internal override void OnCompilationStart(Analysis.RuleContext context, Aws.AwsTypes types) => _register(context, types);

        private static void Throw() => throw new InvalidOperationException("test failure");
    }

    /// <summary>A group of chosen rules, hosted the way the package's exported analyzer is.</summary>
    internal sealed class HostOf : RuleGroupAnalyzer
    {
        public HostOf(params CrossAccountAnalyzer[] rules) => Rules = rules.ToImmutableArray();

        internal override ImmutableArray<CrossAccountAnalyzer> Rules { get; }
    }

    private static async Task<Compilation> CompileSamplesAsync()
    {
        var compilation = await AnalyzerRunner.CompileAsync(AwsSdk.Cdk, GeneratedCodeTests.Sources(s => s));

        // CXA3003 is off by default; every rule is on here so that each has something to compare.
        return compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(Repository.Descriptors.ToDictionary(d => d.Id, _ => ReportDiagnostic.Warn)));
    }

    private static string Describe(Diagnostic diagnostic)
        => $"{diagnostic.Id} {diagnostic.Location.GetLineSpan()} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} {string.Join(",", diagnostic.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value))}";

    private sealed class Text : AdditionalText
    {
        private readonly SourceText _text;

        public Text(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
