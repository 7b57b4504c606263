using System.Text.RegularExpressions;
using System.Xml.Linq;
using CrossAccountAnalyzers.Cli.Analysis;

namespace CrossAccountAnalyzers.Cli.Discovery;

/// <summary>What a scan compiles: projects (by .csproj path) and one extra project of loose .cs files.</summary>
internal sealed class ScanTargets
{
    public string Root { get; set; } = string.Empty;

    public List<string> Projects { get; } = new();

    public List<string> LooseFiles { get; } = new();

    public List<LoadError> Errors { get; } = new();

    public List<string> Notes { get; } = new();

    /// <summary>Files a walk saw but did not take: the reason for each goes to the notes.</summary>
    public static readonly string[] SkippedDirectories = { "bin", "obj", ".git", ".vs", "node_modules" };
    internal static readonly string[] sourceArray = new[] { "." };

    /// <summary>Resolves the command line's paths. Throws <see cref="UsageException"/> for a path that does not exist or is of no known kind.</summary>
    public static ScanTargets Resolve(IReadOnlyList<string> paths)
    {
        var targets = new ScanTargets();
        var inputs = (paths.Count == 0 ? sourceArray : paths).Select(p => Path.GetFullPath(p)).ToList();
        foreach (var input in inputs)
        {
            if (!File.Exists(input) && !Directory.Exists(input))
            {
                throw new UsageException($"path '{input}' does not exist");
            }
        }

        targets.Root = CommonDirectory(inputs.Select(i => Directory.Exists(i) ? i : Path.GetDirectoryName(i)!).ToList());
        var projects = new SortedSet<string>(StringComparer.Ordinal);
        var loose = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                targets.WalkFolder(input, projects, loose);
                continue;
            }

            var ext = Path.GetExtension(input).ToLowerInvariant();
            switch (ext)
            {
                case ".csproj":
                    projects.Add(input);
                    break;
                case ".sln":
                case ".slnx":
                    foreach (var p in targets.ReadSolution(input))
                    {
                        projects.Add(p);
                    }

                    break;
                case ".cs":
                    loose.Add(input);
                    break;
                default:
                    throw new UsageException($"'{input}' is neither a folder, a .sln/.slnx, a .csproj nor a .cs file");
            }
        }

        targets.Projects.AddRange(projects);
        var projectDirs = projects.Select(p => Path.GetDirectoryName(p)! + Path.DirectorySeparatorChar).ToList();
        targets.LooseFiles.AddRange(loose.Where(f => !projectDirs.Any(d => f.StartsWith(d, StringComparison.Ordinal))));
        return targets;
    }

    private IEnumerable<string> ReadSolution(string path)
    {
        var dir = Path.GetDirectoryName(path)!;
        var relative = new List<string>();
        try
        {
            if (path.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase))
            {
                var doc = XDocument.Load(path);
                relative.AddRange(doc.Descendants().Where(e => e.Name.LocalName == "Project").Select(e => (string?)e.Attribute("Path")).Where(p => p is not null)!);
            }
            else
            {
                foreach (Match m in Regex.Matches(File.ReadAllText(path), "^Project\\(\"[^\"]*\"\\)\\s*=\\s*\"[^\"]*\"\\s*,\\s*\"([^\"]+)\"", RegexOptions.Multiline))
                {
                    relative.Add(m.Groups[1].Value);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            Errors.Add(new LoadError(Rel(path), "the solution could not be read (" + e.Message + ")", "nothing of it was scanned"));
            yield break;
        }

        foreach (var r in relative)
        {
            if (!r.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var full = Path.GetFullPath(Path.Combine(dir, r.Replace('\\', Path.DirectorySeparatorChar)));
            if (!File.Exists(full))
            {
                Errors.Add(new LoadError(Rel(path), $"it names the project '{r}', which does not exist", "the solution's other projects were scanned"));
                continue;
            }

            yield return full;
        }
    }

    private void WalkFolder(string start, SortedSet<string> projects, SortedSet<string> loose)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<(string Dir, string Canonical, List<Gitignore> Ignores)>();
        stack.Push((start, Canonical(start), new List<Gitignore>()));
        while (stack.Count > 0)
        {
            var (dir, canonical, ignores) = stack.Pop();
            if (!visited.Add(canonical))
            {
                Notes.Add($"{Rel(dir)}: a symbolic link leads back to a folder already scanned (a loop); not followed");
                continue;
            }

            var here = new List<Gitignore>(ignores);
            var gitignore = Path.Combine(dir, ".gitignore");
            if (File.Exists(gitignore))
            {
                here.Add(Gitignore.Read(gitignore));
            }

            string[] files, dirs;
            try
            {
                files = Directory.GetFiles(dir);
                dirs = Directory.GetDirectories(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Errors.Add(new LoadError(Rel(dir), "the folder could not be read (" + e.Message + ")", "it was skipped"));
                continue;
            }

            Array.Sort(files, StringComparer.Ordinal);
            Array.Sort(dirs, StringComparer.Ordinal);
            foreach (var f in files)
            {
                if (here.Any(g => g.Ignores(f, isDirectory: false)))
                {
                    continue;
                }

                if (f.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                {
                    projects.Add(f);
                }
                else if (f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
                {
                    loose.Add(f);
                }
            }

            for (var i = dirs.Length - 1; i >= 0; i--)
            {
                var d = dirs[i];
                var name = Path.GetFileName(d);
                if (SkippedDirectories.Contains(name, StringComparer.OrdinalIgnoreCase) || here.Any(g => g.Ignores(d, isDirectory: true)))
                {
                    continue;
                }

                string childCanonical;
                try
                {
                    var info = new DirectoryInfo(d);
                    childCanonical = info.LinkTarget is not null
                        ? Canonical(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? d)
                        : Path.Combine(canonical, name);
                }
                catch (IOException)
                {
                    Notes.Add($"{Rel(d)}: a symbolic link that cannot be resolved (a loop or a missing target); not followed");
                    continue;
                }

                if (visited.Contains(childCanonical) || (canonical + Path.DirectorySeparatorChar).StartsWith(childCanonical + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    Notes.Add($"{Rel(d)}: a symbolic link leads back to a folder already scanned (a loop); not followed");
                    continue;
                }

                stack.Push((d, childCanonical, here));
            }
        }
    }

    private static string Canonical(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        return full.Length == 0 ? Path.DirectorySeparatorChar.ToString() : full;
    }

    public string Rel(string path) => Relative(Root, path);

    public static string Relative(string root, string path)
    {
        var r = Path.GetRelativePath(root, path).Replace('\\', '/');
        return r == "." ? Path.GetFileName(path.TrimEnd('/')) : r;
    }

    private static string CommonDirectory(List<string> dirs)
    {
        var common = dirs[0].TrimEnd(Path.DirectorySeparatorChar);
        foreach (var d in dirs.Skip(1))
        {
            while (!(d.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).StartsWith(common + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                common = Path.GetDirectoryName(common) ?? Path.DirectorySeparatorChar.ToString();
                if (common.Length <= 1)
                {
                    return Path.DirectorySeparatorChar.ToString();
                }
            }
        }

        return common.Length == 0 ? Path.DirectorySeparatorChar.ToString() : common;
    }
}

/// <summary>The simple part of .gitignore: globs with *, ?, **, a leading or inner '/' anchoring, a trailing '/' for folders; '!' re-includes.</summary>
internal sealed class Gitignore
{
    private readonly string _dir;
    private readonly List<(Regex Pattern, bool DirectoryOnly, bool Negated)> _rules = new();

    private Gitignore(string dir) => _dir = dir;

    public static Gitignore Read(string path)
    {
        var g = new Gitignore(Path.GetDirectoryName(path)!);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return g;
        }

        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var negated = line.StartsWith('!');
            if (negated)
            {
                line = line.Substring(1);
            }

            var dirOnly = line.EndsWith('/');
            line = line.Trim('/') is var t && line.StartsWith('/') ? "/" + t : t;
            var anchored = line.StartsWith('/') || line.Contains('/');
            line = line.TrimStart('/');
            if (line.Length == 0)
            {
                continue;
            }

            var regex = "^" + (anchored ? string.Empty : "(?:.*/)?") + GlobToRegex(line) + "$";
            g._rules.Add((new Regex(regex, RegexOptions.CultureInvariant), dirOnly, negated));
        }

        return g;
    }

    public bool Ignores(string fullPath, bool isDirectory)
    {
        var rel = Path.GetRelativePath(_dir, fullPath).Replace('\\', '/');
        if (rel.StartsWith("..", StringComparison.Ordinal))
        {
            return false;
        }

        var ignored = false;
        foreach (var (pattern, dirOnly, negated) in _rules)
        {
            if (dirOnly && !isDirectory)
            {
                continue;
            }

            if (pattern.IsMatch(rel))
            {
                ignored = !negated;
            }
        }

        return ignored;
    }

    private static string GlobToRegex(string glob)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                sb.Append(".*");
                i++;
                if (i + 1 < glob.Length && glob[i + 1] == '/')
                {
                    i++;
                    sb.Append("/?");
                }
            }
            else if (c == '*')
            {
                sb.Append("[^/]*");
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        return sb.ToString();
    }
}

/// <summary>A command-line mistake: exit code 2 with the message, no stack trace.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
