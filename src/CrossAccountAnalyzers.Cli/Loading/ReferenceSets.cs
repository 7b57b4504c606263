using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.Cli.Loading;

/// <summary>What source mode compiles a project against, and what it could not have.</summary>
internal sealed record ReferenceChoice(IReadOnlyList<MetadataReference> References, string Description, IReadOnlyList<string> Missing, bool HasAws, bool CdkMissing);

/// <summary>
/// Reference assemblies for source mode: .NET's from the installed SDK's targeting packs (else the running
/// runtime's own assemblies), ASP.NET Core's for web projects, and the AWS SDK's: the versions a project names when
/// the NuGet global packages folder has them, else the v3 or v4 set that travels with the tool (refs/), else the
/// nearest version of the same major in the cache. AWS CDK comes from the cache only.
/// </summary>
internal static class ReferenceSets
{
    private static readonly ConcurrentDictionary<string, MetadataReference> Cache = new(StringComparer.Ordinal);
    private static readonly string ToolRefs = Path.Combine(AppContext.BaseDirectory, "refs");

    public static string PackagesFolder { get; } =
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static readonly string[] LibFolders = { "net8.0", "net6.0", "netcoreapp3.1", "netstandard2.1", "netstandard2.0" };

    public static ReferenceChoice For(IReadOnlyDictionary<string, string> packages, bool web, bool mentionsAws, bool mentionsCdk)
    {
        var refs = new List<MetadataReference>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var missing = new List<string>();
        var description = new List<string>();

        var netFiles = DotNetReferences(web, out var netDescription);
        foreach (var file in netFiles)
        {
            if (names.Add(Path.GetFileNameWithoutExtension(file)))
            {
                refs.Add(Reference(file));
            }
        }

        description.Add(netDescription);

        var aws = packages.Where(p => p.Key.StartsWith("AWSSDK.", StringComparison.OrdinalIgnoreCase)).ToList();
        var cdk = packages.Keys.Any(k => k.StartsWith("Amazon.CDK", StringComparison.OrdinalIgnoreCase)) || mentionsCdk;
        var hasAws = aws.Count > 0 || mentionsAws || cdk;
        var cdkMissing = false;
        if (hasAws)
        {
            var major = aws.Select(p => MajorOf(p.Value)).FirstOrDefault(m => m is 3 or 4);
            var set = major == 3 ? "v3" : "v4";
            var exact = new List<string>();
            foreach (var (id, version) in aws.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
            {
                var dll = version.Length > 0 ? FromCache(id, version) : null;
                if (dll is not null)
                {
                    names.Add(Path.GetFileNameWithoutExtension(dll));
                    refs.Add(Reference(dll));
                    exact.Add($"{id} {version}");
                }
            }

            var bundled = Path.Combine(ToolRefs, set);
            if (Directory.Exists(bundled))
            {
                foreach (var dll in Directory.GetFiles(bundled, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
                {
                    if (names.Add(Path.GetFileNameWithoutExtension(dll)))
                    {
                        refs.Add(Reference(dll));
                    }
                }
            }

            foreach (var (id, version) in aws)
            {
                if (!names.Contains(id))
                {
                    var nearest = NearestInCache(id, major == 3 ? 3 : 4);
                    if (nearest is not null)
                    {
                        names.Add(id);
                        refs.Add(Reference(nearest.Value.Dll));
                        exact.Add($"{id} {nearest.Value.Version} (nearest to {(version.Length > 0 ? version : "unversioned")})");
                    }
                    else
                    {
                        missing.Add($"{id} {version}".Trim());
                    }
                }
            }

            if (!web)
            {
                var common = Path.Combine(ToolRefs, "common");
                if (Directory.Exists(common))
                {
                    foreach (var dll in Directory.GetFiles(common, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
                    {
                        if (names.Add(Path.GetFileNameWithoutExtension(dll)))
                        {
                            refs.Add(Reference(dll));
                        }
                    }
                }
            }

            if (!Directory.Exists(bundled))
            {
                missing.Add($"the AWS SDK {set} reference set (refs/{set} is missing from the tool)");
            }

            description.Add($"AWS SDK {set}" + (exact.Count > 0 ? " with " + string.Join(", ", exact) : string.Empty));

            if (cdk)
            {
                var cdkDlls = new[] { ("Amazon.CDK.Lib", 2), ("Amazon.JSII.Runtime", 1), ("Constructs", 10) }
                    .Select(p => (p.Item1, Found: packages.TryGetValue(p.Item1, out var v) && v.Length > 0 && FromCache(p.Item1, v) is { } e ? (e, v) : NearestInCache(p.Item1, p.Item2) is { } n ? (n.Dll, n.Version) : default))
                    .ToList();
                if (cdkDlls.All(c => c.Found.Item1 is not null))
                {
                    foreach (var c in cdkDlls)
                    {
                        if (names.Add(c.Item1))
                        {
                            refs.Add(Reference(c.Found.Item1!));
                        }
                    }

                    description.Add("AWS CDK " + cdkDlls[0].Found.Item2);
                }
                else
                {
                    cdkMissing = true;
                    missing.Add("AWS CDK (Amazon.CDK.Lib, Amazon.JSII.Runtime, Constructs) is not in the NuGet cache " + PackagesFolder);
                }
            }
        }

        return new ReferenceChoice(refs, string.Join("; ", description), missing, hasAws, cdkMissing);
    }

    private static int MajorOf(string version) =>
        int.TryParse(version.TrimStart('[', '(').Split('.', ',')[0], out var m) ? m : 0;

    private static string? FromCache(string id, string version)
    {
        version = version.Trim('[', ']', '(', ')').Split(',')[0].Trim();
        if (version.Length == 0 || version.Contains('*'))
        {
            return null;
        }

        var lib = Path.Combine(PackagesFolder, id.ToLowerInvariant(), version.ToLowerInvariant(), "lib");
        return LibDll(lib, id);
    }

    private static (string Dll, string Version)? NearestInCache(string id, int major)
    {
        var folder = Path.Combine(PackagesFolder, id.ToLowerInvariant());
        if (!Directory.Exists(folder))
        {
            return null;
        }

        var best = Directory.GetDirectories(folder)
            .Select(d => (Dir: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
            .Where(d => d.Version is not null && d.Version.Major == major)
            .OrderByDescending(d => d.Version)
            .Select(d => (Dll: LibDll(Path.Combine(d.Dir, "lib"), id), Version: Path.GetFileName(d.Dir)))
            .FirstOrDefault(d => d.Dll is not null);
        return best.Dll is null ? null : (best.Dll, best.Version);
    }

    private static string? LibDll(string lib, string id)
    {
        foreach (var tfm in LibFolders)
        {
            var dll = Path.Combine(lib, tfm, id + ".dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        return null;
    }

    private static List<string> DotNetReferences(bool web, out string description)
    {
        var dotnetRoot = DotNetRoot();
        var packs = dotnetRoot is null ? null : Path.Combine(dotnetRoot, "packs");
        var netRef = packs is null ? null : LatestRefPack(Path.Combine(packs, "Microsoft.NETCore.App.Ref"));
        var files = new List<string>();
        if (netRef is not null)
        {
            files.AddRange(Directory.GetFiles(netRef.Value.Dir, "*.dll"));
            description = ".NET " + netRef.Value.Version + " reference assemblies";
        }
        else
        {
            // No targeting pack (a runtime-only install): the running runtime's own assemblies compile just as well.
            var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            files.AddRange(tpa.Where(f => Path.GetDirectoryName(f) == runtimeDir));
            description = ".NET runtime " + Environment.Version + " assemblies";
        }

        if (web && packs is not null && LatestRefPack(Path.Combine(packs, "Microsoft.AspNetCore.App.Ref")) is { } asp)
        {
            files.AddRange(Directory.GetFiles(asp.Dir, "*.dll"));
            description += ", ASP.NET Core " + asp.Version;
        }

        return files.OrderBy(f => f, StringComparer.Ordinal).ToList();
    }

    private static (string Dir, string Version)? LatestRefPack(string pack)
    {
        if (!Directory.Exists(pack))
        {
            return null;
        }

        foreach (var versionDir in Directory.GetDirectories(pack).OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version(0, 0)))
        {
            var refDir = Path.Combine(versionDir, "ref");
            if (Directory.Exists(refDir))
            {
                var tfm = Directory.GetDirectories(refDir).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault();
                if (tfm is not null && Directory.GetFiles(tfm, "*.dll").Length > 0)
                {
                    return (tfm, Path.GetFileName(versionDir));
                }
            }
        }

        return null;
    }

    private static string? DotNetRoot()
    {
        var env = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (env is { Length: > 0 } && Directory.Exists(Path.Combine(env, "packs")))
        {
            return env;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var root = runtime is null ? null : Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        return root is not null && Directory.Exists(Path.Combine(root, "packs")) ? root : null;
    }

    private static MetadataReference Reference(string path) => Cache.GetOrAdd(path, p => MetadataReference.CreateFromFile(p));
}
