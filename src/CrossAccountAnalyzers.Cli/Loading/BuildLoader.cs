using System.Diagnostics;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace CrossAccountAnalyzers.Cli.Loading;

/// <summary>
/// Build mode: the project as MSBuild sees it (MSBuildWorkspace on the installed SDK, found by
/// Microsoft.Build.Locator), after a <c>dotnet restore</c> unless the user turned it off. One workspace serves a
/// whole scan, so projects shared by several are loaded once.
/// </summary>
internal sealed class BuildLoader : IDisposable
{
    private static readonly object RegisterLock = new();
    private static string? _sdk;
    private static string? _registrationError;
    private readonly MSBuildWorkspace? _workspace;

    public BuildLoader()
    {
        if (Register())
        {
            _workspace = MSBuildWorkspace.Create();
        }
    }

    /// <summary>The SDK MSBuild comes from, or null with <see cref="UnavailableReason"/>.</summary>
    public static string? Sdk => _sdk;

    public static string? UnavailableReason => _registrationError;

    private static bool Register()
    {
        lock (RegisterLock)
        {
            if (_sdk is not null)
            {
                return true;
            }

            if (_registrationError is not null)
            {
                return false;
            }

            try
            {
                var instance = MSBuildLocator.QueryVisualStudioInstances().OrderByDescending(i => i.Version).FirstOrDefault();
                if (instance is null)
                {
                    _registrationError = "no .NET SDK was found (Microsoft.Build.Locator)";
                    return false;
                }

                if (!MSBuildLocator.IsRegistered)
                {
                    MSBuildLocator.RegisterInstance(instance);
                }

                _sdk = instance.Version + " (" + instance.MSBuildPath + ")";
                return true;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
            {
                _registrationError = "MSBuild could not be located (" + SourceLoader.FirstLine(e.Message) + ")";
                return false;
            }
        }
    }

    /// <summary>Runs <c>dotnet restore</c>; returns null on success, else the first error line.</summary>
    public static string? Restore(string projectPath, CancellationToken cancellationToken)
    {
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "restore", projectPath, "--nologo", "-v", "q" })
            {
                start.ArgumentList.Add(a);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                return "dotnet restore did not finish in 5 minutes";
            }

            if (process.ExitCode == 0)
            {
                return null;
            }

            var output = stdout.Result + "\n" + stderr.Result;
            var error = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? $"exit code {process.ExitCode}";
            // "/path/x.csproj : error NU1101: ..." -> "error NU1101: ..."
            var i = error.IndexOf("error ", StringComparison.OrdinalIgnoreCase);
            return i > 0 ? error.Substring(i) : error;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "dotnet restore could not be started (" + e.Message + ")";
        }
    }

    /// <summary>Loads one project; returns null with the reason when MSBuild could not load it without errors.</summary>
    public async Task<(Project? Project, string? Failure)> LoadAsync(string projectPath, CancellationToken cancellationToken)
    {
        if (_workspace is null)
        {
            return (null, _registrationError);
        }

        var existing = _workspace.CurrentSolution.Projects.FirstOrDefault(p => string.Equals(p.FilePath, projectPath, StringComparison.Ordinal));
        if (existing is not null)
        {
            return (existing, null);
        }

        var before = _workspace.Diagnostics.Count;
        try
        {
            var project = await _workspace.OpenProjectAsync(projectPath, cancellationToken: cancellationToken).ConfigureAwait(false);
            var failure = _workspace.Diagnostics.Skip(before).FirstOrDefault(d => d.Kind == WorkspaceDiagnosticKind.Failure);
            if (failure is not null)
            {
                return (null, "MSBuild reported: " + SourceLoader.FirstLine(failure.Message));
            }

            return (project, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, "MSBuild could not load it (" + SourceLoader.FirstLine(e.Message) + ")");
        }
    }

    public void Dispose() => _workspace?.Dispose();
}
