using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CrossAccountAnalyzers.Tests.Infrastructure;

/// <summary>The repository the tests run in, and the package's descriptors: what the meta tests compare.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Every descriptor of every analyzer, one per ID, in ID order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> Descriptors => AnalyzerRunner.AllAnalyzers
        .SelectMany(a => a.SupportedDiagnostics)
        .GroupBy(d => d.Id)
        .Select(g => g.First())
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToList();

    /// <summary>Every exported code fix provider of the package.</summary>
    public static ImmutableArray<CodeFixProvider> AllFixers { get; } = typeof(CodeFixes.ExternalId.AssumeRoleWithoutExternalIdCodeFixProvider).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(ExportCodeFixProviderAttribute), false).Length > 0)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrossAccountAnalyzers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found from " + AppContext.BaseDirectory);
    }
}
