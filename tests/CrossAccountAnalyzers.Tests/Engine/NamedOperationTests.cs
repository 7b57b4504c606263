// A test-only rule below (it records what it is given): not shipped, so the analyzer-project rules do not apply.
#pragma warning disable RS1001 // not exported: no [DiagnosticAnalyzer], which would bring RS1036/RS1038/RS1041 on a test project
using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.Tests.Infrastructure;
using CrossAccountAnalyzers.Tests.Robustness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace CrossAccountAnalyzers.Tests.Engine;

/// <summary>
/// The invocations and assignments the rules look at (<c>SetEnvironmentVariable</c>, <c>ExternalId</c>, ...) are
/// found from each file's text by name (RuleContext.OnNamedOperation) rather than by a driver callback for every
/// invocation and assignment of the program. These tests show that the two find the same operations, on every test
/// input and on every file of the repository, and that the rules still see the shapes in which a name is written
/// unusually.
/// </summary>
public sealed class NamedOperationTests
{
    /// <summary>The names the rules ask for, and common ones that give the comparison many operations of every shape.</summary>
    private static readonly string[] RuleNames = { "SetEnvironmentVariable", "RegisterProfile", "Persist", "ExternalId", "ExternalIds", "AccessKey", "SecretKey", "Token" };

    private static readonly string[] CommonNames =
    {
        "Add", "Append", "ToString", "Create", "Value", "Name", "RoleArn", "RoleSessionName", "Credentials", "AssumedBy", "ServiceURL",
        "GetCredentials", "AssumeRoleAsync", "ReportDiagnostic", "Equal", "True", "Contains", "Select", "Where", "Any", "Single", "IsKind",
        "GetOperation", "Equals", "Kind", "Span", "Length", "Count", "Evaluate", "AnalyzerAsync", "CodeFixAsync",
    };

    /// <summary>Shapes in which a name is written unusually, and look-alikes that are not the member.</summary>
    private const string Shapes = """
        using System;
        using Amazon.SecurityToken.Model;
        using static System.Environment;

        public class Request : AssumeRoleRequest
        {
            public Request(string id)
            {
                ExternalId = id;                       // unqualified, in a derived class
                this.@ExternalId = id;                  // verbatim identifier
                Ext\u0065rnalId = id;                   // escape in the identifier
                (this.ExternalId) = id;                 // parenthesized target
            }
        }

        public static class Shapes
        {
            public static void Run(string value, AssumeRoleRequest? maybe, Action<string, string> setter)
            {
                SetEnvironmentVariable("A", value);     // using static
                global::System.Environment.SetEnvironmentVariable("B", value);
                maybe?.ExternalId.ToString();           // conditional access
                var options = new Amazon.Runtime.AssumeRoleAWSCredentialsOptions { ExternalId = value };
                var outer = new Holder { Inner = { ExternalId = value } };  // nested initializer
                Action<string, string> group = SetEnvironmentVariable;     // a method group, not an invocation
                group("C", value);
                setter("D", value);
                var ExternalId = value;                 // a local of the same name
                ExternalId = value + "x";
                _ = nameof(SetEnvironmentVariable);
                var text = "ExternalId = value";        // in a string
                var profile = new Amazon.Runtime.CredentialManagement.CredentialProfileOptions { AccessKey = value, SecretKey = value };
                profile.Token = value;
                // ExternalId = value;  in a comment
            }

            public static async System.Threading.Tasks.Task Later(System.Threading.CancellationToken Token) => await System.Threading.Tasks.Task.Delay(1, Token);
        }

        public class Holder { public AssumeRoleRequest Inner { get; } = new AssumeRoleRequest(); }
        """;

    [Theory]
    [InlineData(AwsSdk.V3)]
    [InlineData(AwsSdk.Cdk)]
    public async Task OnEveryTestInput_NamesFindExactlyTheOperationsCallbacksSee(AwsSdk sdk)
    {
        // The test inputs are written without their tests' shared usings, so the CDK ones do not bind here: one more that does.
        const string CdkShapes = "using Amazon.CDK.AWS.IAM; public static class CdkShapes { public static RoleProps Props(string id) => new RoleProps { AssumedBy = new AccountPrincipal(\"111122223333\"), ExternalIds = new[] { id } }; }";
        var inputs = RobustnessHarness.TestInputs().Append(Shapes);
        var compilation = await AnalyzerRunner.CompileAsync(sdk, (sdk == AwsSdk.Cdk ? inputs.Append(CdkShapes) : inputs).ToArray());
        var (seen, found) = await RecordAsync(compilation);

        Assert.Equal(seen, found);

        // Both had something to compare, in every rule name that the inputs write.
        var written = new[] { "SetEnvironmentVariable", "ExternalId", "AccessKey", "SecretKey", "Token" }.Concat(sdk == AwsSdk.Cdk ? new[] { "ExternalIds" } : Array.Empty<string>());
        var missing = written.Where(name => !seen.Any(s => s.Contains(" " + name + " ", StringComparison.Ordinal)));
        Assert.Empty(missing);
    }

    [Fact]
    public async Task OnEveryFileOfTheRepository_NamesFindExactlyTheOperationsCallbacksSee()
    {
        // Compiled against the test run's own assemblies (the runtime, Roslyn, xunit), so that most of the code binds.
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p));
        var trees = RobustnessHarness.RepositoryFiles().Select(f => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(f.Text, new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Preview), f.Path));
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Repository", trees, references, new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var (seen, found) = await RecordAsync(compilation);

        var differences = seen.Except(found).Select(s => "seen only: " + s).Concat(found.Except(seen).Select(f => "found only: " + f)).ToArray();
        Assert.True(differences.Length == 0, string.Join(Environment.NewLine, differences));
        Assert.Equal(seen, found);
        Assert.True(seen.Length > 800, $"only {seen.Length} operations compared");
    }

    [Fact]
    public async Task UnusualShapes_AreFound_AndLookAlikesAreNot()
    {
        var compilation = await AnalyzerRunner.CompileAsync(AwsSdk.V4, Shapes);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var (seen, found) = await RecordAsync(compilation);

        Assert.Equal(seen, found);
        var lines = Shapes.Split('\n');
        string[] Lines(string name) => found.Where(f => f.Contains(" " + name + " ", StringComparison.Ordinal)).Select(f => int.Parse(f.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).Order().Select(line => lines[line].Trim()).ToArray();

        Assert.Equal(
            new[] { "ExternalId = id;                       // unqualified, in a derived class", "this.@ExternalId = id;                  // verbatim identifier", "Ext\\u0065rnalId = id;                   // escape in the identifier", "(this.ExternalId) = id;                 // parenthesized target", "var options = new Amazon.Runtime.AssumeRoleAWSCredentialsOptions { ExternalId = value };", "var outer = new Holder { Inner = { ExternalId = value } };  // nested initializer" },
            Lines("ExternalId"));
        Assert.Equal(new[] { "SetEnvironmentVariable(\"A\", value);     // using static", "global::System.Environment.SetEnvironmentVariable(\"B\", value);" }, Lines("SetEnvironmentVariable"));
        Assert.Equal(new[] { "profile.Token = value;" }, Lines("Token"));
    }

    [Fact]
    public async Task NullConditionalAssignment_IsFoundWhereTheCompilerHasIt()
    {
        // C# 14 (Roslyn 5): maybe?.ExternalId = value. Roslyn 4.8 rejects it (CS0131); Roslyn 5.12 (the second test
        // project) compiles it, and the assignment must be found like any other.
        const string Source = """
            public static class Later
            {
                public static void Set(Amazon.SecurityToken.Model.AssumeRoleRequest? maybe, string value)
                {
                    maybe?.ExternalId = value;
                }
            }
            """;
        var compilation = await AnalyzerRunner.CompileAsync(AwsSdk.V4);
        compilation = compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Source, new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Preview), "/src/Later.cs"));
        if (compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            Assert.StartsWith("4.", typeof(Compilation).Assembly.GetName().Version!.ToString(), StringComparison.Ordinal);
            return;
        }

        var (seen, found) = await RecordAsync(compilation);
        Assert.Equal(seen, found);
        Assert.Single(found, f => f.StartsWith("4 ExternalId SimpleAssignment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheRules_ReportThroughUnusualShapes()
    {
        var result = await AnalyzerRunner.RunAsync(AwsSdk.V4, $$"""
            using Amazon.SecurityToken.Model;
            using static System.Environment;

            public static class Setup
            {
                public static void Configure() => SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "{{TestSecrets.KeyId}}");

                public static AssumeRoleRequest Make(string roleArn)
                {
                    var request = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "s" };
                    request.@ExternalId = "tenant-constant";
                    return request;
                }

                public static AssumeRoleRequest Escaped(string roleArn)
                {
                    var request = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "s" };
                    request.Ext\u0065rnalId = "tenant-constant";
                    return request;
                }
            }
            """);

        Assert.Empty(result.Exceptions);
        Assert.Single(result.Diagnostics, d => d.Id == "CXA2004");
        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == "CXA1002"));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "CXA1001");
    }

    /// <summary>
    /// The operations of the chosen names that operation callbacks see (leaving out implicit ones, which write no name:
    /// a collection initializer's <c>Add</c>) and those found by name; each as "line name kind file span".
    /// </summary>
    private static async Task<(string[] Seen, string[] Found)> RecordAsync(Compilation compilation)
    {
        var rule = new RecordingRule(RuleNames.Concat(CommonNames).ToImmutableHashSet(StringComparer.Ordinal));
        var result = await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new RuleHostTests.HostOf(rule)), CancellationToken.None);
        Assert.Empty(result.Exceptions);

        // The rules' own names are never implicit operations, so nothing of theirs is left out.
        Assert.DoesNotContain(rule.Implicit, i => RuleNames.Any(n => i.Contains(" " + n + " ", StringComparison.Ordinal)));
        return (rule.Seen.OrderBy(s => s, StringComparer.Ordinal).ToArray(), rule.Found.OrderBy(s => s, StringComparer.Ordinal).ToArray());
    }

    /// <summary>Records every invocation and simple assignment of the chosen names, once through callbacks and once found by name.</summary>
    private sealed class RecordingRule : CxaRule
    {
#pragma warning disable RS2008 // A test-only rule: not released.
        private static readonly DiagnosticDescriptor Descriptor = new("CXA9998", "Records", "Records", "Test", DiagnosticSeverity.Warning, true);
#pragma warning restore RS2008

        private readonly ImmutableHashSet<string> _names;

        public RecordingRule(ImmutableHashSet<string> names) => _names = names;

        public ConcurrentBag<string> Seen { get; } = new();

        public ConcurrentBag<string> Found { get; } = new();

        public ConcurrentBag<string> Implicit { get; } = new();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        protected internal override bool IsApplicable(AwsTypes types) => true;

        protected internal override void OnCompilationStart(RuleContext context, AwsTypes types)
        {
            context.OnOperation(
                c =>
                {
                    if (Describe(c.Operation) is { } described)
                    {
                        (c.Operation.IsImplicit ? Implicit : Seen).Add(described);
                    }
                },
                OperationKind.Invocation,
                OperationKind.SimpleAssignment);
            context.OnNamedOperation(c => Record(c.Operation, OperationKind.Invocation), OperationKind.Invocation, _names.ToArray());
            context.OnNamedOperation(c => Record(c.Operation, OperationKind.SimpleAssignment), OperationKind.SimpleAssignment, _names.ToArray());
        }

        /// <summary>What a named action is given: always an operation of its kind; a rule still checks the symbol (a local of the same name, for one).</summary>
        private void Record(IOperation operation, OperationKind kind)
        {
            if (operation.Kind != kind)
            {
                Found.Add($"a {operation.Kind} given to a {kind} action: {operation.Syntax}");
            }
            else if (Describe(operation) is { } described)
            {
                Found.Add(described);
            }
        }

        private string? Describe(IOperation operation)
        {
            var name = operation switch
            {
                IInvocationOperation invocation => invocation.TargetMethod.Name,
                ISimpleAssignmentOperation { Target: IMemberReferenceOperation member } => member.Member.Name,
                _ => null,
            };
            if (name is null || !_names.Contains(name))
            {
                return null;
            }

            var span = operation.Syntax.GetLocation().GetLineSpan();
            return $"{span.StartLinePosition.Line} {name} {operation.Kind} {span.Path} {operation.Syntax.Span}";
        }
    }
}
