using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CrossAccountAnalyzers.Benchmarks;

public static class Program
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Cxa = typeof(CxaRule).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>Each rule hosted alone (a family of one rule, through the same host as the exported families).</summary>
    private static readonly ImmutableArray<FamilyAnalyzer> EachRule = Cxa.OfType<FamilyAnalyzer>()
        .SelectMany(f => f.Rules)
        .OrderBy(r => r.SupportedDiagnostics[0].Id, StringComparer.Ordinal)
        .Select(r => (FamilyAnalyzer)new Only(r))
        .ToImmutableArray();

    public static async Task<int> Main(string[] args)
    {
        var smoke = args.Contains("-smoke");
        // Round 0 is a warm-up (JIT) and not counted when there is more than one.
        var rounds = Option(args, "-rounds", smoke ? 1 : 6);
        var fileCount = Option(args, "-files", smoke ? 100 : 1000);
        var largeLines = Option(args, "-lines", smoke ? 2000 : 20_000);
        var fixCounts = smoke ? new[] { 50, 100 } : new[] { 500, 1000 };

        Console.WriteLine($"CrossAccountAnalyzers benchmark: {(smoke ? "smoke" : "full")} run, {rounds} round(s), {Environment.ProcessorCount} cores, .NET {Environment.Version}, Roslyn {typeof(Compilation).Assembly.GetName().Version}");
        Console.WriteLine($"CXA analyzers: {Cxa.Length}; AWS SDK analyzers: {SdkAnalyzers.Load().Length}");
        var failures = new List<string>();
        if (args.Contains("-profile"))
        {
            // For a profiler (perf with DOTNET_PerfMapEnabled=1): all CXA analyzers on the large file, repeatedly.
            var large = new List<(string, string)> { ("Large.cs", Corpus.LargeFile(largeLines, aws: true)) };
            for (var round = 0; round < rounds; round++)
            {
                var (host, found) = await RunAsync(Bound(large, withAws: true), Cxa);
                Console.WriteLine($"round {round}: {found.Length} diagnostics, CXA {Cxa.Sum(a => host.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).Result.ExecutionTime.TotalMilliseconds):F0} ms");
            }

            return 0;
        }

        if (args.Contains("-ide"))
        {
            return await IdeAsync(rounds, failures, args.SkipWhile(a => a != "-off").Skip(1).FirstOrDefault()?.Split(',') ?? Array.Empty<string>());
        }

        if (args.Contains("-each"))
        {
            // Each rule alone (with the warm-up analyzer) on the large file, then all of them as exported, against the floor alone: where the time goes.
            var large = new List<(string, string)> { ("Large.cs", Corpus.LargeFile(largeLines, aws: true)) };
            for (var round = 0; round < 3; round++)
            {
                var fresh = Compile(large, withAws: true);
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                _ = CrossAccountAnalyzers.Aws.AwsTypes.Get(fresh);
                var typesMs = watch.Elapsed.TotalMilliseconds;
                var typesMb = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1024.0 / 1024.0;
                watch.Restart();
                _ = CrossAccountAnalyzers.Values.HardCodedValueEvaluator.Get(fresh);
                var evaluatorMs = watch.Elapsed.TotalMilliseconds;
                var other = Compile(large, withAws: true);
                watch.Restart();
                _ = other.GetTypeByMetadataName("Amazon.SecurityToken.Model.AssumeRoleRequest");
                var firstLookupMs = watch.Elapsed.TotalMilliseconds;
                Console.WriteLine($"compilation start: AwsTypes {typesMs:F1} ms {typesMb:F1} MB, evaluator {evaluatorMs:F1} ms; a single first type look-up on a fresh compilation {firstLookupMs:F1} ms");
            }

            // Each rule alone; the exported analyzers with every rule switched off but that one (what a user who keeps one
            // rule pays: at most the rule alone, +10%); each exported family with every rule on; all of them; the floor.
            Console.WriteLine("| one " + largeLines + "-line file | ms (median) | allocated MB | vs the rule alone |");
            Console.WriteLine("|---|---|---|---|");
            var ids = Cxa.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().ToArray();
            var bound = new Dictionary<string, CSharpCompilation>();
            async Task<(double Ms, double Mb)> Time(ImmutableArray<DiagnosticAnalyzer> analyzers, string? onlyOn, bool allocations = true, bool once = false)
            {
                // One bound compilation per setting, reused across rounds (each driver run binds its own clone).
                var key = onlyOn ?? "";
                if (!bound.TryGetValue(key, out var compilation))
                {
                    bound[key] = compilation = Bound(large, withAws: true, onlyOn is null ? null : ids.Where(id => id != onlyOn));
                }

                var times = new List<double>();
                for (var round = 0; round < (once ? 1 : rounds); round++)
                {
                    var (host, _) = await RunAsync(compilation, analyzers);
                    var ms = 0.0;
                    foreach (var analyzer in analyzers)
                    {
                        ms += (await host.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalMilliseconds;
                    }

                    times.Add(ms);
                }

                return (once ? times[0] : Median(times.Skip(rounds > 1 ? 1 : 0).ToList()), allocations ? await AllocatedMbAsync(large, true, analyzers) : double.NaN);
            }

            // Each rule alone and the exported analyzers with every rule off but it, measured in turn (interleaved, so that
            // the machine's drift falls on both), each the fastest of its rounds: the least disturbed measurement.
            foreach (var only in EachRule)
            {
                var id = only.SupportedDiagnostics[0].Id;
                var alone = new List<double>();
                var offButOne = new List<double>();
                for (var round = 0; round < rounds; round++)
                {
                    alone.Add((await Time(ImmutableArray.Create<DiagnosticAnalyzer>(only), null, allocations: false, once: true)).Ms);
                    offButOne.Add((await Time(Cxa, id, allocations: false, once: true)).Ms);
                }

                var aloneMs = alone.Skip(rounds > 1 ? 1 : 0).Min();
                var offMs = offButOne.Skip(rounds > 1 ? 1 : 0).Min();
                Console.WriteLine($"| {id} alone | {aloneMs:F1} | - | |");
                Console.WriteLine($"| exported, every rule off but {id} | {offMs:F1} | - | {offMs / Math.Max(aloneMs, 0.001):F2}x |");
            }

            foreach (var family in Cxa)
            {
                var (ms, mb) = await Time(ImmutableArray.Create(family), null);
                Console.WriteLine($"| family {family.GetType().Name} | {ms:F1} | {mb:F1} | |");
            }

            foreach (var analyzers in new[] { Cxa, ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer()), ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer(creationsOnly: true)) })
            {
                var (ms, mb) = await Time(analyzers, null);
                var name = analyzers[0] switch
                {
                    FloorAnalyzer { CreationsOnly: true } => "FloorAnalyzer, creations only (what CXA registers)",
                    FloorAnalyzer => "FloorAnalyzer",
                    _ => "every exported analyzer, every rule on",
                };
                Console.WriteLine($"| {name} | {ms:F1} | {mb:F1} | |");
            }

            return 0;
        }

        // (a) 5% AWS files; (b) the same corpus size without any AWS reference; (c) one large file.
        var a = Corpus.Files(fileCount, aws: true);
        var awsFiles = a.Count(f => f.Text.Contains("AWS_ACCESS_KEY_ID="));
        var b = Corpus.Files(fileCount, aws: false);
        var c = new List<(string, string)> { ("Large.cs", Corpus.LargeFile(largeLines, aws: true)) };
        var cExpected = Corpus.AwsClassesInLargeFile(largeLines) * Corpus.DiagnosticsPerAwsFile;

        var resultA = await MeasureAsync("(a) " + fileCount + " files, 5% AWS", a, withAws: true, rounds, awsFiles * Corpus.DiagnosticsPerAwsFile, failures);
        if (args.Contains("-a-only"))
        {
            // Corpus (a) alone, for profiling passes (CXA_BENCH_VERBOSE=1 prints each analyzer's time).
            Console.WriteLine($"(a): compile {resultA.CompileMs:F0} ms (one core {resultA.CompileOneCoreMs:F0} ms), CXA {resultA.CxaMs:F1} ms, floor {resultA.FloorMs:F1} ms, SDK {resultA.SdkMs:F1} ms, {resultA.Diagnostics} diagnostics; GC pauses in measured runs {GcPausesMs:F0} ms");

            // The same files without the 5% that hold AWS code, still compiled against AWS: what the rules cost on
            // ordinary code (nothing to report), against the floor, so that the reporting work on the AWS files,
            // which the floor does not do, is seen apart.
            var ordinary = a.Where(f => !f.Text.Contains("AWS_ACCESS_KEY_ID=")).ToList();
            var resultO = await MeasureAsync("(a) ordinary files only", ordinary, withAws: true, rounds, 0, failures);
            Console.WriteLine($"(a) ordinary files only ({ordinary.Count}): compile {resultO.CompileMs:F0} ms (one core {resultO.CompileOneCoreMs:F0} ms), CXA {resultO.CxaMs:F1} ms, floor {resultO.FloorMs:F1} ms, SDK {resultO.SdkMs:F1} ms, CXA / floor {resultO.CxaMs / resultO.FloorMs:F2}x, CXA / SDK {resultO.CxaMs / resultO.SdkMs:F2}x");
            return failures.Count == 0 ? 0 : 1;
        }

        var resultB = await MeasureAsync("(b) " + fileCount + " files, no AWS reference", b, withAws: false, rounds, 0, failures);
        var resultC = await MeasureAsync("(c) one " + largeLines + "-line file", c, withAws: true, rounds, cExpected, failures);
        var perDocument = await PerDocumentAsync(a, smoke ? 20 : 60, failures);
        var policyScaling = await PolicyScalingAsync(smoke ? 1 : Math.Max(3, rounds), failures);
        var fixAll = new List<(int Count, double Ms)>();
        await FixAllAsync(20, 1, new List<string>());
        foreach (var count in fixCounts)
        {
            fixAll.Add((count, await FixAllAsync(count, smoke ? 1 : Math.Max(3, rounds), failures)));
        }

        Console.WriteLine();
        Console.WriteLine("| corpus | compile (GetDiagnostics) ms, 2 cores | same, one core | CXA ms | floor ms | AWS SDK STS analyzer ms | CXA / compile | CXA / compile, one core | floor / compile, one core | SDK / compile, one core | CXA / floor | CXA / SDK | CXA allocated MB | floor allocated MB | CXA diagnostics |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in new[] { resultA, resultB, resultC })
        {
            Console.WriteLine($"| {r.Name} | {r.CompileMs:F0} | {r.CompileOneCoreMs:F0} | {r.CxaMs:F1} | {r.FloorMs:F1} | {r.SdkMs:F1} | {Percent(r.CxaMs, r.CompileMs)} | {Percent(r.CxaMs, r.CompileOneCoreMs)} | {Percent(r.FloorMs, r.CompileOneCoreMs)} | {Percent(r.SdkMs, r.CompileOneCoreMs)} | {Ratio(r.CxaMs, r.FloorMs)} | {Ratio(r.CxaMs, r.SdkMs)} | {r.CxaMb:F1} | {r.FloorMb:F1} | {r.Diagnostics} |");
        }

        Console.WriteLine();
        Console.WriteLine($"Per document (IDE): {perDocument.Documents} documents of (a), CXA {perDocument.CxaMs:F1} ms vs semantic model diagnostics {perDocument.ModelMs:F0} ms = {Percent(perDocument.CxaMs, perDocument.ModelMs)}");
        Console.WriteLine($"FixAll (CXA1001, set ExternalId from scope, one project): {string.Join(", ", fixAll.Select(f => $"{f.Count} occurrences {f.Ms:F0} ms"))}; ratio {fixAll[1].Ms / fixAll[0].Ms:F2}x for {fixAll[1].Count / fixAll[0].Count}x the occurrences");
        Console.WriteLine($"(b) registrations by CXA analyzers without AWS: {resultB.CxaActions} actions");
        Console.WriteLine("JSON trust policy in one raw string (CXA analyzers, median): " + string.Join(", ", policyScaling.Select(p => $"{p.Kb} KB {p.Ms:F1} ms ({p.Ms * 1024 / p.Kb:F1} ms/MB)"))
                          + $"; {policyScaling[^1].Kb / policyScaling[0].Kb}x the size costs {policyScaling[^1].Ms / policyScaling[0].Ms:F2}x the time");

        if (resultB.CxaActions != 0)
        {
            failures.Add($"(b): CXA analyzers registered {resultB.CxaActions} actions without any AWS reference");
        }

        Console.WriteLine($"GC pauses during all measured driver runs: {GcPausesMs:F0} ms");
        foreach (var failure in failures)
        {
            Console.WriteLine("FAIL: " + failure);
        }

        Console.WriteLine(failures.Count == 0 ? "benchmark: counts correct" : $"benchmark: {failures.Count} failure(s)");
        return failures.Count == 0 ? 0 : 1;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
    }

    private static string Percent(double part, double whole) => whole <= 0 ? "n/a" : $"{100 * part / whole:F2}%";

    private static string Ratio(double part, double whole) => whole <= 0 ? "n/a" : $"{part / whole:F2}x";

    private static ImmutableArray<MetadataReference> References(bool withAws)
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        if (!withAws)
        {
            return platform.ToImmutableArray();
        }

        var aws = new[]
        {
            typeof(Amazon.Runtime.AWSCredentials), typeof(Amazon.SecurityToken.Model.AssumeRoleRequest), typeof(Amazon.S3.AmazonS3Client),
            typeof(Amazon.Extensions.NETCore.Setup.AWSOptions), typeof(Amazon.CDK.AWS.IAM.Role), typeof(Constructs.Construct), typeof(Amazon.JSII.Runtime.Deputy.DeputyBase),
        }.Select(t => (MetadataReference)MetadataReference.CreateFromFile(t.Assembly.Location));
        return platform.Concat(aws).ToImmutableArray();
    }

    /// <summary>
    /// The IDE's cost of one document whose judgement reads other files (a request factory and its callers, keys held
    /// in fields and settings properties, a helper chain), in projects of 100, 1,000 and 5,000 files: after an edit of
    /// that document, its semantic diagnostics on the new compilation, CXA against the floor on the same document.
    /// </summary>
    private static async Task<int> IdeAsync(int rounds, List<string> failures, string[] off)
    {
        const string document = """
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.SecurityToken;
            using Amazon.SecurityToken.Model;

            namespace Ide
            {
                internal static class Keys
                {
                    internal static string AccessKey = "AKIARTX3GSDS7FJONNBY";
                    internal static readonly string SecretKey = "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";
                }

                internal sealed class Settings
                {
                    internal string KeyId { get; private set; } = "AKIAJ5Q6Z3X4C2V7B2N4";
                    internal string Secret { get; private set; } = "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";
                }

                internal static class Requests
                {
                    internal static AssumeRoleRequest Create(string roleArn) => new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "ide" };
                }

                internal sealed class Worker
                {
                    public AmazonS3Client Client() => new AmazonS3Client(Keys.AccessKey, Keys.SecretKey);
                    public AmazonS3Client FromSettings(Settings s) => new AmazonS3Client(s.KeyId, s.Secret);
                    public void Send(IAmazonSecurityTokenService sts, string roleArn) => Helper(sts, Requests.Create(roleArn));
                    private static void Helper(IAmazonSecurityTokenService sts, AssumeRoleRequest request) => Next(sts, request);
                    private static void Next(IAmazonSecurityTokenService sts, AssumeRoleRequest request) => _ = sts.AssumeRoleAsync(request);
                }
            }
            """;
        Console.WriteLine("| project files | CXA ms on the edited document | floor ms | CXA / floor | compiler's semantic diagnostics ms | CXA diagnostics |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var size in new[] { 100, 1000, 5000 })
        {
            var files = Corpus.Files(size - 1, aws: false);
            files.Add(("Edited.cs", document));
            var compilation = Compile(files, withAws: true, off);
            var edited = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("Edited.cs", StringComparison.Ordinal));
            var cxaTimes = new List<double>();
            var floorTimes = new List<double>();
            var compilerTimes = new List<double>();
            var found = 0;
            for (var round = 0; round <= rounds; round++)
            {
                // An edit of the document: a new compilation in which only this tree changed, as the IDE makes one per keystroke.
                var text = edited.GetText().WithChanges(new TextChange(new TextSpan(edited.Length, 0), "// edit " + round + "\n"));
                var changed = edited.WithChangedText(text);
                compilation = compilation.ReplaceSyntaxTree(edited, changed);
                edited = changed;

                // The IDE computes the compiler's own diagnostics of the edited document on every keystroke; that binds
                // what every analyzer then shares (the compilation's merged declarations, the document's symbols).
                // Without it, whichever analyzer runs first pays for them, so both are measured after it, in turns.
                var stopwatch = Stopwatch.StartNew();
                _ = compilation.GetSemanticModel(edited).GetDiagnostics();
                if (round > 0)
                {
                    compilerTimes.Add(stopwatch.Elapsed.TotalMilliseconds);
                }

                var floorFirst = round % 2 == 1;
                var order = new[] { (Cxa, cxaTimes), (ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer()), floorTimes) };
                if (floorFirst)
                {
                    Array.Reverse(order);
                }

                foreach (var (analyzers, times) in order)
                {
                    var host = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
                    var diagnostics = await host.GetAnalyzerSemanticDiagnosticsAsync(host.Compilation.GetSemanticModel(edited), null, CancellationToken.None);
                    var ms = 0.0;
                    foreach (var analyzer in analyzers)
                    {
                        ms += (await host.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalMilliseconds;
                    }

                    if (round > 0)
                    {
                        times.Add(ms);
                    }

                    if (analyzers == Cxa)
                    {
                        found = diagnostics.Length;
                    }
                }
            }

            // CXA2001 twice (field- and settings-held keys), CXA1001 once (the factory's request, sent through the helpers).
            if (found < 3)
            {
                failures.Add($"-ide at {size} files: expected at least 3 CXA diagnostics, got {found}");
            }

            var cxa = Median(cxaTimes);
            var floor = Median(floorTimes);

            Console.WriteLine($"| {size} | {cxa:F1} | {floor:F1} | {cxa / Math.Max(floor, 0.001):F2}x | {Median(compilerTimes):F1} | {found} |");
        }

        foreach (var failure in failures)
        {
            Console.WriteLine("FAIL: " + failure);
        }

        return failures.Count == 0 ? 0 : 1;
    }

    private static CSharpCompilation Compile(IEnumerable<(string Name, string Text)> files, bool withAws, IEnumerable<string>? off = null)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, path: "/corpus/" + f.Name));
        var severities = new Dictionary<string, ReportDiagnostic> { ["CXA3003"] = ReportDiagnostic.Warn };
        foreach (var id in off ?? Enumerable.Empty<string>())
        {
            severities[id] = ReportDiagnostic.Suppress;
        }

        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(severities);
        return CSharpCompilation.Create("Corpus", trees, References(withAws), options);
    }

    /// <summary>A compilation the compiler has bound (its diagnostics computed), as analyzers meet it in a build.</summary>
    private static CSharpCompilation Bound(IEnumerable<(string Name, string Text)> files, bool withAws, IEnumerable<string>? off = null)
    {
        var compilation = Compile(files, withAws, off);
        _ = compilation.GetDiagnostics();
        return compilation;
    }

    private sealed record Measurement(string Name, double CompileMs, double CompileOneCoreMs, double CxaMs, double FloorMs, double SdkMs, double CxaMb, double FloorMb, int Diagnostics, int CxaActions);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task<Measurement> MeasureAsync(string name, List<(string Name, string Text)> files, bool withAws, int rounds, int expected, List<string> failures)
    {
        var sdk = SdkAnalyzers.Load();
        var compile = new List<double>();
        var compileOneCore = new List<double>();
        var cxa = new List<double>();
        var floor = new List<double>();
        var sdkTimes = new List<double>();
        var diagnostics = 0;
        var actions = 0;
        for (var round = 0; round < rounds; round++)
        {
            var compilation = Compile(files, withAws);
            GC.Collect();
            var stopwatch = Stopwatch.StartNew();
            _ = compilation.GetDiagnostics();
            if (round > 0 || rounds == 1)
            {
                compile.Add(stopwatch.Elapsed.TotalMilliseconds);

                // The same compile on one thread: telemetry is the sum of callback times on one thread, so this is the
                // like-for-like denominator (the wall-clock compile above used both cores).
                var oneCore = Compile(files, withAws);
                oneCore = oneCore.WithOptions(oneCore.Options.WithConcurrentBuild(false));
                GC.Collect();
                stopwatch.Restart();
                _ = oneCore.GetDiagnostics();
                compileOneCore.Add(stopwatch.Elapsed.TotalMilliseconds);
            }

            // The CXA analyzers, the floor and the SDK's analyzers each in their own driver run on the compilation the
            // compiler just bound, under the same conditions: the warm-up analyzer first, then the measured set (so the
            // one-time costs of a run that the warm-up does not absorb fall on each set alike, whatever the order).
            var measured = Cxa;
            var (withAnalyzers, found) = await RunAsync(compilation, measured);
            var (floorHost, _) = await RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer()));
            diagnostics = found.Count(d => d.Id.StartsWith("CXA", StringComparison.Ordinal));
            if (Environment.GetEnvironmentVariable("CXA_BENCH_VERBOSE") == "1")
            {
                Console.WriteLine($"  {name} round {round}: " + string.Join(", ", found.Where(d => d.Id.StartsWith("CXA", StringComparison.Ordinal)).GroupBy(d => d.Id).OrderBy(g => g.Key).Select(g => g.Key + "=" + g.Count())));
                foreach (var analyzer in measured)
                {
                    Console.WriteLine($"    {analyzer.GetType().Name}: {withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).Result.ExecutionTime.TotalMilliseconds:F1} ms");
                }

                Console.WriteLine($"    FloorAnalyzer: {Time(floorHost, floorHost.Analyzers.OfType<FloorAnalyzer>()):F1} ms");
            }

            double Time(CompilationWithAnalyzers host, IEnumerable<DiagnosticAnalyzer> analyzers) => analyzers.Sum(a => host.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).Result.ExecutionTime.TotalMilliseconds);
            if (round > 0 || rounds == 1)
            {
                cxa.Add(Time(withAnalyzers, Cxa));
                floor.Add(Time(floorHost, floorHost.Analyzers.OfType<FloorAnalyzer>()));
            }

            actions = Cxa.Sum(a =>
            {
                var t = withAnalyzers.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).Result;
                return t.OperationActionsCount + t.SyntaxNodeActionsCount + t.OperationBlockActionsCount + t.AdditionalFileActionsCount + t.SemanticModelActionsCount + t.SymbolActionsCount;
            });

            // The AWS SDK's own analyzers, on their own run too.
            var (sdkHost, _) = await RunAsync(compilation, sdk);
            if (round > 0 || rounds == 1)
            {
                sdkTimes.Add(Time(sdkHost, sdk));
            }
        }

        if (diagnostics != expected)
        {
            failures.Add($"{name}: expected {expected} CXA diagnostics, got {diagnostics}");
        }

        return new Measurement(name, Median(compile), Median(compileOneCore), Median(cxa), Median(floor), Median(sdkTimes),
            await AllocatedMbAsync(files, withAws, Cxa), await AllocatedMbAsync(files, withAws, ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer())), diagnostics, actions);
    }

    /// <summary>
    /// One driver run of the warm-up analyzer with <paramref name="analyzers"/>: the driver binds each body once and
    /// shares its operations with every analyzer, outside their timed callbacks.
    /// </summary>
    /// <remarks>
    /// Execution-time telemetry is wall-clock time per callback, so anything else that runs during a callback is charged
    /// to it. Three sources of that, each measured on this 2-core machine to swing a trivial analyzer by 2x-10x between
    /// identical rounds, are removed:
    /// <list type="bullet">
    /// <item>Sequential analysis: one thread runs every callback.</item>
    /// <item>While the analyzers run, the driver's compilation produces its events by compiling again (the clone does
    /// not share bound bodies); with a concurrent build those compiler threads take the cores from the callbacks, so
    /// the clone compiles on one thread (the other core).</item>
    /// <item>No garbage collection during the run when the memory fits (<see cref="GC.TryStartNoGCRegion(long)"/>): the
    /// binder allocates about 5 MB per file, which meant ~170 collections and 2-3 s of pauses per 200 files, each charged
    /// to whichever callback happened to be running. Allocations are measured and reported separately.</item>
    /// </list>
    /// The benchmark also runs without tiered compilation (steady-state code, as in the long-running compiler server).
    /// </remarks>
    private static async Task<(CompilationWithAnalyzers Host, ImmutableArray<Diagnostic> Diagnostics)> RunAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        compilation = compilation.WithOptions(compilation.Options.WithConcurrentBuild(false));
        var host = compilation.WithAnalyzers(
            analyzers.Insert(0, new WarmUpAnalyzer()),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var pauseBefore = GC.GetTotalPauseDuration();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var sourceChars = compilation.SyntaxTrees.Sum(t => (long)t.Length);
        var noGc = Environment.GetEnvironmentVariable("CXA_BENCH_GC") != "1" && TryStartNoGc(sourceChars);
        var collections = GC.CollectionCount(0);
        var diagnostics = await host.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        if (noGc && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
        {
            GC.EndNoGCRegion();
        }

        noGc &= GC.CollectionCount(0) == collections;

        var pauseMs = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds;
        GcPausesMs += pauseMs;
        if (Environment.GetEnvironmentVariable("CXA_BENCH_VERBOSE") == "1")
        {
            Console.WriteLine($"    driver run: {sourceChars} source chars, {(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1048576} MB allocated, no-GC region {(noGc ? "held" : "not available")}, GC pauses {pauseMs:F0} ms");
        }

        return (host, diagnostics);
    }

    /// <summary>Total GC pause time during measured driver runs (printed, so that a run where the no-GC region did not hold is visible).</summary>
    private static double GcPausesMs;

    private static bool TryStartNoGc(long sourceChars)
    {
        // About 400 bytes allocated per source character by the driver's compilation and binding (measured: ~1 GB for
        // 200 files of ~200 lines, 2.6 M characters); half as much again, within what the machine can give.
        var wanted = Math.Max(256L << 20, sourceChars * 600);
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;
        try
        {
            return wanted <= available && GC.TryStartNoGCRegion(wanted);
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Bytes allocated by <paramref name="analyzers"/>: a run with them minus a run with the warm-up analyzer alone.</summary>
    private static async Task<double> AllocatedMbAsync(List<(string Name, string Text)> files, bool withAws, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        async Task<long> Allocated(ImmutableArray<DiagnosticAnalyzer> set)
        {
            var compilation = Bound(files, withAws);
            var before = GC.GetTotalAllocatedBytes(precise: true);
            await RunAsync(compilation, set);
            return GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        var baseline = await Allocated(ImmutableArray<DiagnosticAnalyzer>.Empty);
        var with = await Allocated(analyzers);
        return Math.Max(0, with - baseline) / 1024.0 / 1024.0;
    }

    /// <summary>
    /// A 1 MB trust policy in one raw string literal, and the same at 1/8, 1/4 and 1/2 of the size: time must grow
    /// linearly (parse, source map and judgement are each one pass). Every other statement lacks an ExternalId, so the
    /// diagnostic count is checked too.
    /// </summary>
    private static async Task<List<(int Kb, double Ms)>> PolicyScalingAsync(int rounds, List<string> failures)
    {
        var result = new List<(int Kb, double Ms)>();
        foreach (var kb in new[] { 128, 256, 512, 1024 })
        {
            var (text, unprotected) = Corpus.LargePolicy(kb * 1024);
            var files = new List<(string, string)> { ("Policy.cs", text) };
            var times = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var (host, found) = await RunAsync(Bound(files, withAws: true), Cxa);
                times.Add(Cxa.Sum(a => host.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).Result.ExecutionTime.TotalMilliseconds));
                var count = found.Count(d => d.Id == "CXA3001");
                if (count != unprotected)
                {
                    failures.Add($"policy of {kb} KB: expected {unprotected} CXA3001, got {count}");
                }
            }

            result.Add((kb, Median(times)));
        }

        return result;
    }

    /// <summary>The IDE's cost: one document at a time (semantic diagnostics for that tree), against the semantic model's own diagnostics.</summary>
    private static async Task<(int Documents, double CxaMs, double ModelMs)> PerDocumentAsync(List<(string Name, string Text)> files, int sample, List<string> failures)
    {
        var compilation = Compile(files, withAws: true);
        var chosen = compilation.SyntaxTrees.Where((t, i) => i % Math.Max(1, files.Count / sample) == 0 || t.GetText().ToString().Contains("AWS_ACCESS_KEY_ID=")).Take(sample).ToList();
        var modelMs = 0.0;
        foreach (var tree in chosen)
        {
            var stopwatch = Stopwatch.StartNew();
            _ = compilation.GetSemanticModel(tree).GetDiagnostics();
            modelMs += stopwatch.Elapsed.TotalMilliseconds;
        }

        var warmUp = new WarmUpAnalyzer();
        var withAnalyzers = Compile(files, withAws: true).WithAnalyzers(Cxa.Add(warmUp), new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, true, true, false));
        var found = 0;
        foreach (var tree in withAnalyzers.Compilation.SyntaxTrees.Where(t => chosen.Any(c => c.FilePath == t.FilePath)))
        {
            var model = withAnalyzers.Compilation.GetSemanticModel(tree);
            await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, ImmutableArray.Create<DiagnosticAnalyzer>(warmUp), CancellationToken.None);
            found += (await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, Cxa, CancellationToken.None)).Length;
        }

        if (found == 0)
        {
            failures.Add("per-document: no diagnostic found in the sampled documents");
        }

        var cxaMs = Cxa.Sum(a => withAnalyzers.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).Result.ExecutionTime.TotalMilliseconds);
        return (chosen.Count, cxaMs, modelMs);
    }

    /// <summary>FixAll of CXA1001 (value in scope) over <paramref name="count"/> occurrences in one project (50 per document).</summary>
    private static async Task<double> FixAllAsync(int count, int rounds, List<string> failures)
    {
        var times = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            using var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Fix", "Fix", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary), parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12),
                metadataReferences: References(withAws: true)));
            for (var d = 0; d * 50 < count; d++)
            {
                var text = "using Amazon.SecurityToken.Model;\nnamespace Fix;\npublic sealed class Requests" + d + "\n{\n"
                    + string.Concat(Enumerable.Range(0, Math.Min(50, count - d * 50)).Select(i => $"    public object M{i}(string roleArn, string externalId)\n    {{\n        var request = new AssumeRoleRequest\n        {{\n            RoleArn = roleArn,\n            RoleSessionName = \"s{i}\",\n        }};\n        return request.RoleArn;\n    }}\n"))
                    + "}\n";
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"Requests{d}.cs", SourceText.From(text));
            }

            var project = solution.GetProject(projectId)!;
            // The exported analyzer, as the IDE runs it; only CXA1001 is fixed here.
            var diagnostics = (await (await project.GetCompilationAsync())!.WithAnalyzers(Cxa).GetAnalyzerDiagnosticsAsync()).Where(d => d.Id == "CXA1001").ToImmutableArray();
            if (diagnostics.Length != count)
            {
                failures.Add($"FixAll: expected {count} CXA1001 diagnostics, got {diagnostics.Length}");
            }

            var fixer = new CodeFixes.ExternalId.AssumeRoleWithoutExternalIdCodeFixProvider();
            var provider = new Provider(diagnostics);
            var stopwatch = Stopwatch.StartNew();
            var context = new FixAllContext(project.Documents.First(), fixer, FixAllScope.Project, "CXA1001.InScope", fixer.FixableDiagnosticIds, provider, CancellationToken.None);
            var action = await fixer.GetFixAllProvider()!.GetFixAsync(context);
            var operations = await action!.GetOperationsAsync(CancellationToken.None);
            var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            var fixedCount = 0;
            foreach (var document in changed.GetProject(projectId)!.Documents)
            {
                fixedCount += (await document.GetTextAsync()).ToString().Split("ExternalId = externalId").Length - 1;
            }

            times.Add(stopwatch.Elapsed.TotalMilliseconds);
            if (fixedCount != count)
            {
                failures.Add($"FixAll: expected {count} fixed occurrences, got {fixedCount}");
            }
        }

        return Median(times);
    }

    private sealed class Provider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public Provider(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return _diagnostics.Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }
}

/// <summary>One rule hosted alone, through the same host as the exported families (-each).</summary>
#pragma warning disable RS1001 // benchmark-only: never loaded by a compiler, so it carries no [DiagnosticAnalyzer]
internal sealed class Only : FamilyAnalyzer
#pragma warning restore RS1001
{
    public Only(CxaRule rule) => Rules = ImmutableArray.Create(rule);

    internal override ImmutableArray<CxaRule> Rules { get; }
}
