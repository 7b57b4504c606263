// Test-only analyzers below (a probe rule and an analyzer that always reports): not shipped.
#pragma warning disable RS1001 // not exported: no [DiagnosticAnalyzer], which would bring RS1036/RS1038/RS1041 on a test project
#pragma warning disable RS2008 // test-only descriptors: not released
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.ExternalId;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace CrossAccountAnalyzers.Tests.Engine;

/// <summary>
/// A rule switched off everywhere is not started (no cost), read from the settings the compiler applies. Each case is
/// checked against the compiler itself: an analyzer that always reports shows whether the compiler would let the rule's
/// diagnostic through, and a rule judged off must never be one the compiler would have shown.
/// </summary>
public sealed class RuleEnablementTests
{
    private static readonly DiagnosticDescriptor OnByDefault = new("CXA9997", "Probe", "Probe", "Security", DiagnosticSeverity.Warning, isEnabledByDefault: true);
    private static readonly DiagnosticDescriptor OffByDefault = new("CXA9996", "Probe", "Probe", "Security", DiagnosticSeverity.Info, isEnabledByDefault: false);

    public static TheoryData<string, string?, string?, string?, bool> Cases => new()
    {
        // name, NoWarn/compilation option, .editorconfig body ([*.cs] unless it has its own sections), .globalconfig body, started
        { "CXA9997 nothing set", null, null, null, true },
        { "CXA9997 NoWarn", "CXA9997=none", null, null, false },
        { "CXA9997 warnaserror", "CXA9997=error", null, null, true },
        { "CXA9997 editorconfig none", null, "dotnet_diagnostic.CXA9997.severity = none", null, false },
        { "CXA9997 editorconfig suggestion", null, "dotnet_diagnostic.CXA9997.severity = suggestion", null, true },
        { "CXA9997 editorconfig silent", null, "dotnet_diagnostic.CXA9997.severity = silent", null, true },
        { "CXA9997 globalconfig none", null, null, "dotnet_diagnostic.CXA9997.severity = none", false },
        { "CXA9997 editorconfig none for one file only", null, "[File0.cs]\ndotnet_diagnostic.CXA9997.severity = none", null, true },
        { "CXA9997 globalconfig none, editorconfig on for one file", null, "[File1.cs]\ndotnet_diagnostic.CXA9997.severity = warning", "dotnet_diagnostic.CXA9997.severity = none", true },
        { "CXA9997 category none", null, "dotnet_analyzer_diagnostic.category-Security.severity = none", null, false },
        { "CXA9997 all rules none", null, "dotnet_analyzer_diagnostic.severity = none", null, false },
        { "CXA9997 category none in globalconfig", null, null, "dotnet_analyzer_diagnostic.category-Security.severity = none", false },
        { "CXA9997 category none, ID on", null, "dotnet_analyzer_diagnostic.category-Security.severity = none\ndotnet_diagnostic.CXA9997.severity = warning", null, true },
        { "CXA9997 other category none", null, "dotnet_analyzer_diagnostic.category-Style.severity = none", null, true },
        { "CXA9997 NoWarn beats an editorconfig error", "CXA9997=none", "dotnet_diagnostic.CXA9997.severity = error", null, false },
        { "CXA9997 editorconfig default, globalconfig none", null, "dotnet_diagnostic.CXA9997.severity = default", "dotnet_diagnostic.CXA9997.severity = none", true },
        { "CXA9997 WarningsNotAsErrors (default), globalconfig none", "CXA9997=default", null, "dotnet_diagnostic.CXA9997.severity = none", false },
        { "CXA9996 nothing set (off by default)", null, null, null, false },
        { "CXA9996 editorconfig warning", null, "dotnet_diagnostic.CXA9996.severity = warning", null, true },
        { "CXA9996 globalconfig suggestion", null, null, "dotnet_diagnostic.CXA9996.severity = suggestion", true },
        { "CXA9996 compilation option warning", "CXA9996=warning", null, null, true },
        { "CXA9996 category warning (bulk entries do not enable rules that are off by default)", null, "dotnet_analyzer_diagnostic.category-Security.severity = warning", null, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ARuleIsStartedExactlyWhereTheCompilerWouldShowIt(string name, string? compilationOption, string? editorConfig, string? globalConfig, bool started)
    {
        var descriptor = name.StartsWith("CXA9996", StringComparison.Ordinal) ? OffByDefault : OnByDefault;
        var (compilation, options) = await CompileAsync(compilationOption, editorConfig, globalConfig);
        var probe = new ProbeRule(descriptor);
        var host = new RuleHostTests.HostOf(probe);
        var always = new AlwaysReports(descriptor);
        var result = await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(host, always), CancellationToken.None, options);

        Assert.Empty(result.Exceptions);
        var compilerShows = result.Diagnostics.Any(d => d.Id == descriptor.Id && d.Descriptor.Title.ToString() == "Always");
        Assert.True(probe.Started || !compilerShows, name + ": the rule was not started, but the compiler would show its diagnostic");
        Assert.Equal(compilerShows, probe.Started);
        Assert.True(started == probe.Started, name + ": expected started = " + started);
    }

    [Fact]
    public async Task RulesSwitchedOff_RegisterNothing()
    {
        var compilation = await AnalyzerRunner.CompileAsync(AwsSdk.V4, """
            using Amazon.SecurityToken.Model;

            static class Requests
            {
                private const string Id = "x";

                public static AssumeRoleRequest Make(string roleArn) => new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "s" };
                public static AssumeRoleRequest Fixed(string roleArn) => new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "s", ExternalId = Id };
            }
            """);
        var family = new ExternalIdAnalyzer();
        async Task<string> RunAsync(params string[] off)
        {
            var options = compilation.Options.WithSpecificDiagnosticOptions(off.ToDictionary(id => id, _ => ReportDiagnostic.Suppress));
            var result = await AnalyzerRunner.RunAsync(compilation.WithOptions(options), ImmutableArray.Create<DiagnosticAnalyzer>(family), CancellationToken.None);
            Assert.Empty(result.Exceptions);
            var telemetry = result.Telemetry[family];
            var ids = string.Join(",", result.Diagnostics.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));
            return $"{ids} operations={telemetry.OperationActionsCount} semanticModels={telemetry.SemanticModelActionsCount}";
        }

        // Every rule on: creations and invalid operations (CXA1001) and the ExternalId assignments found by name in each
        // file (CXA1002, CXA1003).
        Assert.Equal("CXA1001,CXA1002,CXA1003 operations=2 semanticModels=1", await RunAsync());

        // CXA1002 to CXA1005 off: their shared reading of ExternalId assignments is not registered at all.
        Assert.Equal("CXA1001 operations=2 semanticModels=0", await RunAsync("CXA1002", "CXA1003", "CXA1004", "CXA1005"));

        // CXA1001 off: no creation action and no invalid-operation action.
        Assert.Equal("CXA1002,CXA1003 operations=0 semanticModels=1", await RunAsync("CXA1001"));
    }

    private static async Task<(Compilation Compilation, AnalyzerOptions Options)> CompileAsync(string? compilationOption, string? editorConfig, string? globalConfig)
    {
        var references = await AwsReferences.For(AwsSdk.None).ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var specific = new Dictionary<string, ReportDiagnostic>();
        if (compilationOption is not null)
        {
            var parts = compilationOption.Split('=');
            specific[parts[0]] = parts[1] switch { "none" => ReportDiagnostic.Suppress, "error" => ReportDiagnostic.Error, "default" => ReportDiagnostic.Default, _ => ReportDiagnostic.Warn };
        }

        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "P",
            "P",
            LanguageNames.CSharp,
            filePath: "/src/P.csproj",
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, specificDiagnosticOptions: specific),
            metadataReferences: references));
        for (var i = 0; i < 2; i++)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"File{i}.cs", SourceText.From($"class C{i} {{ }}"), filePath: $"/src/File{i}.cs");
        }

        if (editorConfig is not null)
        {
            var body = editorConfig.StartsWith("[", StringComparison.Ordinal) ? editorConfig : "[*.cs]\n" + editorConfig;
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From("root = true\n\n" + body + "\n"), filePath: "/src/.editorconfig");
        }

        if (globalConfig is not null)
        {
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".globalconfig", SourceText.From("is_global = true\n" + globalConfig + "\n"), filePath: "/src/.globalconfig");
        }

        var project = solution.GetProject(projectId)!;
        return ((await project.GetCompilationAsync())!, project.AnalyzerOptions);
    }

    /// <summary>A rule that records whether its family's host started it, and reports once per file when it is.</summary>
    private sealed class ProbeRule : CxaRule
    {
        public ProbeRule(DiagnosticDescriptor descriptor) => SupportedDiagnostics = ImmutableArray.Create(descriptor);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

        public bool Started { get; private set; }

        protected internal override bool IsApplicable(AwsTypes types) => true;

        protected internal override void OnCompilationStart(RuleContext context, AwsTypes types) => Started = true;
    }

    /// <summary>Reports its ID in every file whatever the settings: what the compiler lets through is what it would show.</summary>
    private sealed class AlwaysReports : DiagnosticAnalyzer
    {
        private readonly DiagnosticDescriptor _descriptor;

        public AlwaysReports(DiagnosticDescriptor probe)
            => _descriptor = new DiagnosticDescriptor(probe.Id, "Always", "Always", probe.Category, probe.DefaultSeverity, probe.IsEnabledByDefault);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(_descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxTreeAction(c => c.ReportDiagnostic(Diagnostic.Create(_descriptor, Location.Create(c.Tree, new TextSpan(0, 1)))));
        }
    }
}
