using System.Xml;
using System.Xml.Linq;

namespace CrossAccountAnalyzers.Cli.Loading;

/// <summary>
/// What source mode reads from a project file without MSBuild: properties, package and project references, Using,
/// Compile and AdditionalFiles items, from the project and the Directory.Build.props / Directory.Packages.props above
/// it. Conditions are not evaluated (every item counts), which is what an audit wants.
/// </summary>
internal sealed class ProjectFile
{
    public string Path { get; private init; } = string.Empty;

    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    public string Sdk { get; private set; } = "Microsoft.NET.Sdk";

    public Dictionary<string, string> Properties { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Package ID to version ("" when no version is named).</summary>
    public Dictionary<string, string> Packages { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> ProjectReferences { get; } = new();

    public List<(string Name, string? Alias, bool Static, bool Remove)> Usings { get; } = new();

    public List<string> CompileInclude { get; } = new();

    public List<string> CompileRemove { get; } = new();

    public List<string> AdditionalFiles { get; } = new();

    public List<string> FrameworkReferences { get; } = new();

    /// <summary>Throws <see cref="XmlException"/> or <see cref="IOException"/> when the project file cannot be read.</summary>
    public static ProjectFile Read(string path)
    {
        var project = new ProjectFile { Path = path };
        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var props in AncestorFiles(project.Directory, "Directory.Build.props").Reverse())
        {
            TryMerge(project, props, versions);
        }

        foreach (var cpm in AncestorFiles(project.Directory, "Directory.Packages.props").Take(1))
        {
            TryMerge(project, cpm, versions);
        }

        var doc = XDocument.Load(path, LoadOptions.None);
        project.Sdk = (string?)doc.Root?.Attribute("Sdk") ?? doc.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "Sdk")?.Attribute("Name")?.Value ?? project.Sdk;
        Merge(project, doc, System.IO.Path.GetDirectoryName(path)!, versions);
        foreach (var id in project.Packages.Keys.ToList())
        {
            if (project.Packages[id].Length == 0 && versions.TryGetValue(id, out var v))
            {
                project.Packages[id] = v;
            }
        }

        return project;
    }

    private static IEnumerable<string> AncestorFiles(string dir, string name)
    {
        for (var d = new DirectoryInfo(dir); d is not null; d = d.Parent)
        {
            var f = System.IO.Path.Combine(d.FullName, name);
            if (File.Exists(f))
            {
                yield return f;
            }
        }
    }

    private static void TryMerge(ProjectFile project, string path, Dictionary<string, string> versions)
    {
        try
        {
            Merge(project, XDocument.Load(path), System.IO.Path.GetDirectoryName(path)!, versions);
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            // An unreadable Directory.*.props only loses its settings; the project itself is what is reported on.
        }
    }

    private static void Merge(ProjectFile project, XDocument doc, string baseDir, Dictionary<string, string> versions)
    {
        foreach (var group in doc.Descendants().Where(e => e.Name.LocalName == "PropertyGroup"))
        {
            foreach (var p in group.Elements())
            {
                var value = p.Value.Trim();
                if (value.Contains("$(" + p.Name.LocalName + ")", StringComparison.OrdinalIgnoreCase) && project.Properties.TryGetValue(p.Name.LocalName, out var previous))
                {
                    value = value.Replace("$(" + p.Name.LocalName + ")", previous, StringComparison.OrdinalIgnoreCase);
                }

                project.Properties[p.Name.LocalName] = value;
            }
        }

        foreach (var item in doc.Descendants().Where(e => e.Parent?.Name.LocalName == "ItemGroup"))
        {
            var include = (string?)item.Attribute("Include");
            var update = (string?)item.Attribute("Update");
            var remove = (string?)item.Attribute("Remove");
            var version = (string?)item.Attribute("Version") ?? (string?)item.Attribute("VersionOverride")
                ?? item.Elements().FirstOrDefault(e => e.Name.LocalName is "Version" or "VersionOverride")?.Value;
            switch (item.Name.LocalName)
            {
                case "PackageReference" when include is not null:
                    project.Packages[include] = version ?? string.Empty;
                    break;
                case "PackageReference" when update is not null && version is not null:
                    project.Packages[update] = version;
                    break;
                case "PackageVersion" when include is not null:
                    versions[include] = version ?? string.Empty;
                    break;
                case "ProjectReference" when include is not null:
                    project.ProjectReferences.Add(System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, include.Replace('\\', '/'))));
                    break;
                case "FrameworkReference" when include is not null:
                    project.FrameworkReferences.Add(include);
                    break;
                case "Using":
                    if (include is not null)
                    {
                        project.Usings.Add((include, (string?)item.Attribute("Alias"), string.Equals((string?)item.Attribute("Static"), "true", StringComparison.OrdinalIgnoreCase), false));
                    }
                    else if (remove is not null)
                    {
                        project.Usings.Add((remove, null, false, true));
                    }

                    break;
                case "Compile":
                    if (include is not null)
                    {
                        project.CompileInclude.AddRange(Split(include));
                    }

                    if (remove is not null)
                    {
                        project.CompileRemove.AddRange(Split(remove));
                    }

                    break;
                case "AdditionalFiles" when include is not null:
                    project.AdditionalFiles.AddRange(Split(include));
                    break;
            }
        }
    }

    private static IEnumerable<string> Split(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(v => !v.Contains("$(", StringComparison.Ordinal) && !v.Contains("@(", StringComparison.Ordinal)).Select(v => v.Replace('\\', '/'));

    public string? Property(string name) => Properties.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    public bool IsTrue(string name) => string.Equals(Property(name), "true", StringComparison.OrdinalIgnoreCase) || string.Equals(Property(name), "enable", StringComparison.OrdinalIgnoreCase);
}
