using System.Collections.Immutable;
using System.Text;
using CrossAccountAnalyzers.Cli.Analysis;
using CrossAccountAnalyzers.Cli.Discovery;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Extensions.FileSystemGlobbing;

namespace CrossAccountAnalyzers.Cli.Loading;

/// <summary>
/// Source mode: a project's .cs files parsed and compiled against reference sets, without MSBuild, in an
/// <see cref="AdhocWorkspace"/>; the .editorconfig/.globalconfig files above and inside it are its AnalyzerConfig
/// documents, so severities, options and generated_code apply as in a build.
/// </summary>
internal static class SourceLoader
{
    private static readonly System.Buffers.SearchValues<char> s_myChars = System.Buffers.SearchValues.Create("\r\n");
    private static readonly string[] ImplicitUsingsCommon = { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks" };
    private static readonly string[] ImplicitUsingsWeb = { "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging" };
    private static readonly string[] ImplicitUsingsWorker = { "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging" };
    internal static readonly string[] second = new[] { "bin/**", "obj/**" };

    /// <summary>Reads a .csproj and builds its source-mode project. Never throws for bad input: problems go to <paramref name="errors"/>.</summary>
    public static Project? LoadProject(string projectPath, string root, ProjectReport report, List<LoadError> errors)
    {
        ProjectFile? file = null;
        try
        {
            file = ProjectFile.Read(projectPath);
        }
        catch (Exception e) when (e is System.Xml.XmlException or IOException or UnauthorizedAccessException)
        {
            errors.Add(new LoadError(report.Path, "the project file cannot be read (" + FirstLine(e.Message) + ")", "its folder's .cs files were scanned in source mode with default settings"));
            report.Notes.Add("project file unreadable: default settings");
        }

        var dir = Path.GetDirectoryName(projectPath)!;
        var packages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (file is not null)
        {
            CollectPackages(file, packages, new HashSet<string>(StringComparer.Ordinal) { projectPath });
        }

        var files = file is null ? DefaultCompileItems(dir) : CompileItems(file);
        var web = file is not null && (file.Sdk.Contains("Web", StringComparison.OrdinalIgnoreCase) || file.FrameworkReferences.Contains("Microsoft.AspNetCore.App", StringComparer.OrdinalIgnoreCase));
        var worker = file is not null && file.Sdk.Contains("Worker", StringComparison.OrdinalIgnoreCase);
        var usings = new List<string>();
        if (file is null || file.IsTrue("ImplicitUsings"))
        {
            usings.AddRange(ImplicitUsingsCommon.Select(u => $"global using global::{u};"));
            if (web)
            {
                usings.AddRange(ImplicitUsingsWeb.Select(u => $"global using global::{u};"));
            }

            if (worker)
            {
                usings.AddRange(ImplicitUsingsWorker.Select(u => $"global using global::{u};"));
            }
        }

        if (file is not null)
        {
            foreach (var (usingName, alias, isStatic, remove) in file.Usings)
            {
                var line = alias is not null ? $"global using {alias} = global::{usingName};" : isStatic ? $"global using static global::{usingName};" : $"global using global::{usingName};";
                if (remove)
                {
                    usings.RemoveAll(u => u == $"global using global::{usingName};");
                }
                else if (!usings.Contains(line))
                {
                    usings.Add(line);
                }
            }
        }

        var name = Path.GetFileNameWithoutExtension(projectPath);
        var additional = new List<string>();
        if (file is not null)
        {
            additional.AddRange(Glob(dir, file.AdditionalFiles, Array.Empty<string>()));
        }

        return Build(name, projectPath, dir, root, files, usings, packages, web, file, additional, report, errors);
    }

    /// <summary>The .cs files in no project, as one project (v4 references when they mention AWS).</summary>
    public static Project? LoadLoose(IReadOnlyList<string> files, string root, ProjectReport report, List<LoadError> errors) =>
        Build("(loose files)", null, root, root, files, ImplicitUsingsCommon.Select(u => $"global using global::{u};").ToList(), new Dictionary<string, string>(), web: false, file: null, files.Select(Path.GetDirectoryName).Distinct().SelectMany(d => FilesBeside(d!)).ToList(), report, errors);

    private static Project? Build(string name, string? projectPath, string dir, string root, IReadOnlyList<string> files, List<string> usings, Dictionary<string, string> packages, bool web, ProjectFile? file, List<string> additional, ProjectReport report, List<LoadError> errors)
    {
        var langVersion = LanguageVersion.Preview;
        if (file?.Property("LangVersion") is { } lv && LanguageVersionFacts.TryParse(lv, out var parsed))
        {
            langVersion = parsed;
        }

        var symbols = new List<string> { "DEBUG", "TRACE", "NET", "NETCOREAPP", "NET5_0_OR_GREATER", "NET6_0_OR_GREATER", "NET7_0_OR_GREATER", "NET8_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER" };
        if (file?.Property("DefineConstants") is { } defines)
        {
            symbols.AddRange(defines.Split(';', ',').Select(s => s.Trim()).Where(s => s.Length > 0 && !s.Contains('$')));
        }

        var parseOptions = new CSharpParseOptions(langVersion, DocumentationMode.Parse, SourceCodeKind.Regular, symbols.Distinct());
        var noWarn = (file?.Property("NoWarn") ?? string.Empty).Split(';', ',').Select(s => s.Trim()).Where(s => s.Length > 0 && !s.Contains('$'));
        var nullable = file?.Property("Nullable") switch
        {
            "enable" => NullableContextOptions.Enable,
            "warnings" => NullableContextOptions.Warnings,
            "annotations" => NullableContextOptions.Annotations,
            _ => NullableContextOptions.Disable,
        };
        var outputKind = string.Equals(file?.Property("OutputType"), "Exe", StringComparison.OrdinalIgnoreCase) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        var compilationOptions = new CSharpCompilationOptions(outputKind, nullableContextOptions: nullable, allowUnsafe: file?.IsTrue("AllowUnsafeBlocks") ?? true, concurrentBuild: false)
            .WithSpecificDiagnosticOptions(noWarn.Select(id => new KeyValuePair<string, ReportDiagnostic>(id, ReportDiagnostic.Suppress)));
        if (outputKind == OutputKind.ConsoleApplication)
        {
            // Top-level statements or Main: the compiler finds it; a missing one is an error that changes nothing here.
            compilationOptions = compilationOptions.WithOutputKind(OutputKind.DynamicallyLinkedLibrary);
        }

        var texts = new List<(string Path, SourceText Text)>();
        foreach (var f in files)
        {
            var text = ReadText(f, root, errors);
            if (text is not null)
            {
                texts.Add((f, text));
            }
        }

        var mentionsAws = texts.Any(t => t.Text.ToString().Contains("Amazon.", StringComparison.Ordinal));
        var mentionsCdk = texts.Any(t => t.Text.ToString().Contains("Amazon.CDK", StringComparison.Ordinal));
        var choice = ReferenceSets.For(packages, web, mentionsAws: mentionsAws, mentionsCdk: mentionsCdk);
        report.Notes.Add(choice.Description);
        if (choice.Missing.Count > 0)
        {
            report.Notes.Add("not available: " + string.Join(", ", choice.Missing));
        }

        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId(name);
        var info = ProjectInfo.Create(projectId, VersionStamp.Default, name, name, LanguageNames.CSharp, filePath: projectPath, compilationOptions: compilationOptions, parseOptions: parseOptions, metadataReferences: choice.References);
        var solution = workspace.CurrentSolution.AddProject(info);
        foreach (var (path, text) in texts)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId, path), Path.GetFileName(path), text, filePath: path);
        }

        if (usings.Count > 0)
        {
            var globalUsings = Path.Combine(dir, "obj", "cxa.GlobalUsings.g.cs");
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), "cxa.GlobalUsings.g.cs", SourceText.From("// <auto-generated/>\n" + string.Join("\n", usings) + "\n", Encoding.UTF8), filePath: globalUsings);
        }

        foreach (var config in AnalyzerConfigFiles(dir, files))
        {
            var text = ReadText(config, root, errors);
            if (text is not null)
            {
                solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId, config), Path.GetFileName(config), text, filePath: config);
            }
        }

        foreach (var extra in additional.Concat(projectPath is null ? Array.Empty<string>() : FilesBeside(dir)).Distinct(StringComparer.Ordinal))
        {
            var text = ReadText(extra, root, errors);
            if (text is not null)
            {
                solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId, extra), Path.GetFileName(extra), text, filePath: extra);
            }
        }

        if (!choice.References.Any(r => r.Display?.EndsWith("AWSSDK.Core.dll", StringComparison.OrdinalIgnoreCase) == true))
        {
            // The analyzers register nothing in a compilation without AWSSDK.Core: a stand-in lets the rules that
            // judge text (keys in literals and AdditionalFiles, environment variables, JSON policies) run.
            solution = solution.AddMetadataReference(projectId, AwsStandIn.Reference);
            report.Notes.Add("no AWS SDK reference: text rules only, against a stand-in for AWSSDK.Core");
            if (mentionsAws)
            {
                report.RulesNotRun.Add("AWS");
            }
        }

        if (choice.CdkMissing)
        {
            report.RulesNotRun.Add("CDK");
        }

        report.Files = texts.Count;
        return solution.GetProject(projectId);
    }

    /// <summary>The two AWSSDK.Core types the analyzers look for before registering anything, compiled once in memory.</summary>
    private static class AwsStandIn
    {
        public static readonly MetadataReference Reference = Create();

        private static MetadataReference Create()
        {
            var tree = CSharpSyntaxTree.ParseText("namespace Amazon.Runtime { public abstract class AmazonServiceClient { } public abstract class AWSCredentials { } }");
            var core = MetadataReference.CreateFromFile(typeof(object).Assembly.Location);
            var compilation = CSharpCompilation.Create("AWSSDK.Core.StandIn", new[] { tree }, new[] { core }, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var stream = new MemoryStream();
            var emit = compilation.Emit(stream);
            if (!emit.Success)
            {
                throw new InvalidOperationException("the AWSSDK.Core stand-in does not compile");
            }

            return MetadataReference.CreateFromImage(stream.ToArray(), filePath: "AWSSDK.Core.StandIn.dll");
        }
    }

    /// <summary>The configuration files beside a project that may hold keys (CXA2003): appsettings*.json, *.config, .env.</summary>
    public static IEnumerable<string> FilesBeside(string dir)
    {
        if (!Directory.Exists(dir))
        {
            return Array.Empty<string>();
        }

        return Directory.GetFiles(dir)
            .Where(f =>
            {
                var n = Path.GetFileName(f);
                return (n.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && n.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                    || n.EndsWith(".config", StringComparison.OrdinalIgnoreCase)
                    || n.Equals(".env", StringComparison.OrdinalIgnoreCase);
            })
            .OrderBy(f => f, StringComparer.Ordinal);
    }

    /// <summary>.editorconfig files from the project's folder up to one with root = true, .globalconfig files above, and .editorconfig files inside the project.</summary>
    public static IEnumerable<string> AnalyzerConfigFiles(string dir, IEnumerable<string> files)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        var stopEditorConfig = false;
        for (var d = new DirectoryInfo(dir); d is not null; d = d.Parent)
        {
            var editorconfig = Path.Combine(d.FullName, ".editorconfig");
            if (!stopEditorConfig && File.Exists(editorconfig))
            {
                result.Add(editorconfig);
                try
                {
                    stopEditorConfig = File.ReadLines(editorconfig).Any(l => l.Replace(" ", string.Empty).Equals("root=true", StringComparison.OrdinalIgnoreCase));
                }
                catch (IOException)
                {
                }
            }

            var globalconfig = Path.Combine(d.FullName, ".globalconfig");
            if (File.Exists(globalconfig))
            {
                result.Add(globalconfig);
            }
        }

        foreach (var folder in files.Select(Path.GetDirectoryName).Distinct())
        {
            for (var d = folder; d is not null && d.Length > dir.Length && d.StartsWith(dir, StringComparison.Ordinal); d = Path.GetDirectoryName(d))
            {
                var editorconfig = Path.Combine(d, ".editorconfig");
                if (File.Exists(editorconfig))
                {
                    result.Add(editorconfig);
                }
            }
        }

        return result;
    }

    /// <summary>Reads a text file; a binary, unreadable or non-text file is a load error and is skipped.</summary>
    public static SourceText? ReadText(string path, string root, List<LoadError> errors)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 8192)) >= 0)
            {
                lock (errors)
                {
                    errors.Add(new LoadError(ScanTargets.Relative(root, path), "the file is binary, not text", "it was skipped"));
                }

                return null;
            }

            return SourceText.From(bytes, bytes.Length, encoding: null, SourceHashAlgorithm.Sha256, throwIfBinaryDetected: true, canBeEmbedded: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            lock (errors)
            {
                errors.Add(new LoadError(ScanTargets.Relative(root, path), "the file cannot be read (" + FirstLine(e.Message) + ")", "it was skipped"));
            }

            return null;
        }
    }

    private static void CollectPackages(ProjectFile file, Dictionary<string, string> packages, HashSet<string> seen)
    {
        foreach (var (id, version) in file.Packages)
        {
            if (!packages.TryGetValue(id, out var value) || value.Length == 0)
            {
                value = version;
                packages[id] = value;
            }
        }

        foreach (var reference in file.ProjectReferences)
        {
            if (seen.Add(reference) && File.Exists(reference))
            {
                try
                {
                    CollectPackages(ProjectFile.Read(reference), packages, seen);
                }
                catch (Exception e) when (e is System.Xml.XmlException or IOException or UnauthorizedAccessException)
                {
                    // The referenced project is reported on by itself when it is scanned.
                }
            }
        }
    }

    private static List<string> CompileItems(ProjectFile file)
    {
        var items = new List<string>();
        if (!string.Equals(file.Property("EnableDefaultCompileItems"), "false", StringComparison.OrdinalIgnoreCase))
        {
            items.AddRange(DefaultCompileItems(file.Directory));
        }

        items.AddRange(Glob(file.Directory, file.CompileInclude, Array.Empty<string>()));
        if (file.CompileRemove.Count > 0)
        {
            var removed = new HashSet<string>(Glob(file.Directory, file.CompileRemove, Array.Empty<string>()), StringComparer.Ordinal);
            items.RemoveAll(removed.Contains);
        }

        return items.Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal).ToList();
    }

    /// <summary>**/*.cs under the project's folder, without bin/, obj/ and the folders of other projects.</summary>
    private static List<string> DefaultCompileItems(string dir)
    {
        var result = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(dir);
        while (stack.Count > 0)
        {
            var d = stack.Pop();
            string canonical;
            try
            {
                var info = new DirectoryInfo(d);
                canonical = info.LinkTarget is not null ? info.ResolveLinkTarget(true)?.FullName ?? d : info.FullName;
                if (!visited.Add(canonical.TrimEnd('/')))
                {
                    continue;
                }

                result.AddRange(Directory.GetFiles(d, "*.cs"));
                foreach (var sub in Directory.GetDirectories(d))
                {
                    var n = Path.GetFileName(sub);
                    if (ScanTargets.SkippedDirectories.Contains(n, StringComparer.OrdinalIgnoreCase) || Directory.GetFiles(sub, "*.csproj").Length > 0)
                    {
                        continue;
                    }

                    stack.Push(sub);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A loop or an unreadable folder: skipped (the folder walk reports it).
            }
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    private static IEnumerable<string> Glob(string dir, IEnumerable<string> includes, IEnumerable<string> excludes)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        var any = false;
        foreach (var i in includes)
        {
            if (Path.IsPathRooted(i))
            {
                if (File.Exists(i))
                {
                    yield return i;
                }

                continue;
            }

            matcher.AddInclude(i);
            any = true;
        }

        if (!any)
        {
            yield break;
        }

        matcher.AddExcludePatterns(excludes.Concat(second));
        foreach (var f in matcher.GetResultsInFullPath(dir))
        {
            yield return Path.GetFullPath(f);
        }
    }

    public static string FirstLine(string s)
    {
        var i = s.AsSpan().IndexOfAny(s_myChars);
        return i < 0 ? s : s.Substring(0, i);
    }
}
