using CrossAccountAnalyzers.Cli;

return await Cli.RunAsync(args).ConfigureAwait(false);
