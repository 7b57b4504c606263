using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace CrossAccountAnalyzers.Tests.ExternalId;

/// <summary>
/// The "add an externalId parameter" fix never changes a signature that something else fixes: test methods, Main,
/// event handlers, framework-bound methods (attributes on the method or its parameters), controller actions, Razor
/// Pages handlers. There only the configuration fix is offered.
/// </summary>
public partial class CXA1001_AssumeRoleWithoutExternalIdTests
{
    private const string Frameworks = """
        namespace Xunit { public sealed class FactAttribute : System.Attribute { } public sealed class TheoryAttribute : System.Attribute { } }
        namespace NUnit.Framework { public sealed class TestAttribute : System.Attribute { } }
        namespace Microsoft.VisualStudio.TestTools.UnitTesting { public sealed class TestMethodAttribute : System.Attribute { } }
        namespace Amazon.Lambda.Core { public interface ILambdaContext { } }
        namespace Microsoft.AspNetCore.Mvc
        {
            public abstract class ControllerBase { }
            public sealed class FromServicesAttribute : System.Attribute { }
            public sealed class HttpPostAttribute : System.Attribute { }
        }

        """;

    public static TheoryData<string, string> FixedSignatures => new()
    {
        { "xunit Fact", "[Xunit.Fact] public void M(IAmazonSecurityTokenService sts, string roleArn) { REQUEST }" },
        { "xunit Theory", "[Xunit.Theory] public void M(IAmazonSecurityTokenService sts, string roleArn) { REQUEST }" },
        { "NUnit Test", "[NUnit.Framework.Test] public void M(IAmazonSecurityTokenService sts, string roleArn) { REQUEST }" },
        { "MSTest TestMethod", "[Microsoft.VisualStudio.TestTools.UnitTesting.TestMethod] public void M(IAmazonSecurityTokenService sts, string roleArn) { REQUEST }" },
        { "framework attribute", "[Microsoft.AspNetCore.Mvc.HttpPost] public void M(IAmazonSecurityTokenService sts, string roleArn) { REQUEST }" },
        { "FromServices parameter", "public void M([Microsoft.AspNetCore.Mvc.FromServices] IAmazonSecurityTokenService sts, string roleArn) { REQUEST }" },
        { "event handler", "public void OnClick(object sender, EventArgs e) { IAmazonSecurityTokenService sts = null!; var roleArn = sender.ToString()!; REQUEST }" },
        { "Main", "public static void Main(string[] args) { IAmazonSecurityTokenService sts = null!; var roleArn = args[0]; REQUEST }" },
        { "Lambda handler", "public void Handler(string input, Amazon.Lambda.Core.ILambdaContext context) { IAmazonSecurityTokenService sts = null!; var roleArn = input; REQUEST }" },
        { "constructor nothing calls (dependency injection)", "public C(IAmazonSecurityTokenService sts, string roleArn) { REQUEST }" },
    };

    [Theory, MemberData(nameof(FixedSignatures))]
    public async Task AFixedSignature_GetsNoNewParameter_OnlyConfiguration(string name, string member)
    {
        var source = Usings + Frameworks + "class C { " + member.Replace("REQUEST", "_ = sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = \"s\" });") + " }";
        var keys = await OfferedKeysAsync(source);
        Assert.True(keys.Contains("CXA1001.Configuration"), name + ": the configuration fix is offered; got " + string.Join(", ", keys));
        Assert.False(keys.Contains("CXA1001.Parameter"), name + ": no parameter may be added; got " + string.Join(", ", keys));
    }

    [Fact]
    public async Task AnOrdinaryMethod_GetsTheParameterFix()
    {
        // The look-alike: same shape, no attribute, not an entry point, not an event handler.
        var source = Usings + Frameworks + """
            class C
            {
                public void M(IAmazonSecurityTokenService sts, string roleArn) { _ = sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "s" }); }
                public void OnClick(object sender, string roleArn, IAmazonSecurityTokenService sts) { _ = sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "s" }); }
            }
            """;
        var keys = await OfferedKeysAsync(source);
        Assert.Contains("CXA1001.Parameter", keys);
    }

    /// <summary>The equivalence keys of every fix the shipped fixers offer for the CXA diagnostics of <paramref name="source"/>.</summary>
    internal static async Task<HashSet<string>> OfferedKeysAsync(string source, string id = "CXA1001", bool requireAny = true)
    {
        var references = await AwsReferences.For(AwsSdk.V4).ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "P", "P", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12),
                metadataReferences: references))
            .AddDocument(DocumentId.CreateNewId(projectId), "C.cs", SourceText.From(source), filePath: "/src/C.cs");
        var project = solution.GetProject(projectId)!;
        var result = await AnalyzerRunner.RunAsync((await project.GetCompilationAsync())!, AnalyzerRunner.AllAnalyzers, CancellationToken.None);
        var keys = new HashSet<string>();
        var found = result.Diagnostics.Where(d => d.Id == id).ToArray();
        Assert.NotEmpty(found);
        foreach (var diagnostic in found)
        {
            var document = project.GetDocument(diagnostic.Location.SourceTree)!;
            foreach (var fixer in Repository.AllFixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var actions = new List<CodeAction>();
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
                keys.UnionWith(actions.Select(a => a.EquivalenceKey!));
            }
        }

        Assert.True(!requireAny || keys.Count > 0, "no fix offered");
        return keys;
    }
}
