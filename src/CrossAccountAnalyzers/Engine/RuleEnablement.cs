using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers.Engine;

/// <summary>
/// Whether a rule can report anywhere in a compilation, read from the same settings the compiler applies: a rule that
/// is off everywhere is not started, so it costs nothing. When in doubt, a rule is on (a rule started for nothing
/// costs time; a rule skipped wrongly loses findings).
/// </summary>
/// <remarks>
/// The order is the compiler's: the compilation's own options (<c>&lt;NoWarn&gt;</c>, <c>/warnaserror:ID</c>, rule
/// sets), then <c>dotnet_diagnostic.ID.severity</c> in the file's .editorconfig, then in a .globalconfig, then the
/// category and all-rules entries (<c>dotnet_analyzer_diagnostic.category-Security.severity</c>,
/// <c>dotnet_analyzer_diagnostic.severity</c>), which apply only to rules that are on by default, then the descriptor's
/// default.
/// </remarks>
internal static class RuleEnablement
{
    public static bool IsOn(Compilation compilation, AnalyzerOptions options, ImmutableArray<DiagnosticDescriptor> descriptors, CancellationToken cancellationToken)
    {
        foreach (var descriptor in descriptors)
        {
            if (IsOn(compilation, options, descriptor, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsOn(Compilation compilation, AnalyzerOptions options, DiagnosticDescriptor descriptor, CancellationToken cancellationToken)
    {
        var id = descriptor.Id;
        if (compilation.Options.SpecificDiagnosticOptions.TryGetValue(id, out var specific) && specific != ReportDiagnostic.Default)
        {
            return specific != ReportDiagnostic.Suppress;
        }

        var provider = compilation.Options.SyntaxTreeOptionsProvider;
        var global = ReportDiagnostic.Default;
        var hasGlobal = provider is not null && provider.TryGetGlobalDiagnosticValue(id, cancellationToken, out global) && global != ReportDiagnostic.Default;
        var anyTree = false;
        foreach (var tree in compilation.SyntaxTrees)
        {
            anyTree = true;
            if (provider is not null && provider.TryGetDiagnosticValue(tree, id, cancellationToken, out var value) && value != ReportDiagnostic.Default)
            {
                if (value != ReportDiagnostic.Suppress)
                {
                    return true;
                }

                continue;
            }

            if (hasGlobal)
            {
                if (global != ReportDiagnostic.Suppress)
                {
                    return true;
                }

                continue;
            }

            if (descriptor.IsEnabledByDefault && !IsBulkOff(options.AnalyzerConfigOptionsProvider.GetOptions(tree), descriptor.Category))
            {
                return true;
            }
        }

        if (anyTree)
        {
            return false;
        }

        // No source file (AdditionalFiles only): the global settings decide.
        return hasGlobal
            ? global != ReportDiagnostic.Suppress
            : descriptor.IsEnabledByDefault && !IsBulkOff(options.AnalyzerConfigOptionsProvider.GlobalOptions, descriptor.Category);
    }

    /// <summary>A category or all-rules entry says <c>none</c> for this file.</summary>
    private static bool IsBulkOff(AnalyzerConfigOptions options, string category)
        => (options.TryGetValue("dotnet_analyzer_diagnostic.category-" + category + ".severity", out var value)
            || options.TryGetValue("dotnet_analyzer_diagnostic.severity", out value))
           && string.Equals(value.Trim(), "none", StringComparison.OrdinalIgnoreCase);
}
