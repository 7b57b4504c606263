namespace CrossAccountAnalyzers.Cli.Fixing;

internal static class FixCommand
{
    public static Task<int> RunAsync(string[] paths, string[] diagnostics, bool dryRun, bool restore, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine("cxa fix: not implemented yet");
        return Task.FromResult(2);
    }
}
