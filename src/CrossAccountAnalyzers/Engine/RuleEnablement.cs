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
/// The order is the compiler's, checked against it in RuleEnablementTests: <c>&lt;NoWarn&gt;</c> first (it wins over
/// every file's settings), then <c>dotnet_diagnostic.ID.severity</c> in the file's .editorconfig, then the compilation's
/// other options (<c>/warnaserror:ID</c>, rule sets), then a .globalconfig, then the
/// category and all-rules entries (<c>dotnet_analyzer_diagnostic.category-Security.severity</c>,
/// <c>dotnet_analyzer_diagnostic.severity</c>), which apply only to rules that are on by default, then the descriptor's
/// default. An explicit <c>default</c> counts as on. A rule that reads AdditionalFiles is also on where the settings
/// outside any source file (compilation, global, default) are.
/// </remarks>
internal static class RuleEnablement
{
    public static bool IsOn(Compilation compilation, AnalyzerOptions options, ImmutableArray<DiagnosticDescriptor> descriptors, bool readsAdditionalFiles, CancellationToken cancellationToken)
    {
        foreach (var descriptor in descriptors)
        {
            if (IsOn(compilation, options, descriptor, readsAdditionalFiles, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsOn(Compilation compilation, AnalyzerOptions options, DiagnosticDescriptor descriptor, bool readsAdditionalFiles, CancellationToken cancellationToken)
    {
        var id = descriptor.Id;
        compilation.Options.SpecificDiagnosticOptions.TryGetValue(id, out var specific);
        if (specific == ReportDiagnostic.Suppress)
        {
            // <NoWarn> wins over every file's settings.
            return false;
        }

        var provider = compilation.Options.SyntaxTreeOptionsProvider;
        var global = ReportDiagnostic.Default;
        _ = provider is not null && provider.TryGetGlobalDiagnosticValue(id, cancellationToken, out global);

        // Outside any source file (AdditionalFiles, or a compilation without trees): compilation, global, then default.
        var outside = specific != ReportDiagnostic.Default ? true
            : global != ReportDiagnostic.Default ? global != ReportDiagnostic.Suppress
            : descriptor.IsEnabledByDefault && !IsBulkOff(options.AnalyzerConfigOptionsProvider.GlobalOptions, descriptor.Category);
        if (readsAdditionalFiles && outside)
        {
            return true;
        }

        var anyTree = false;
        foreach (var tree in compilation.SyntaxTrees)
        {
            anyTree = true;
            if (provider is not null && provider.TryGetDiagnosticValue(tree, id, cancellationToken, out var value))
            {
                // The file's own setting; an explicit "default" counts as on.
                if (value != ReportDiagnostic.Suppress)
                {
                    return true;
                }

                continue;
            }

            if (specific != ReportDiagnostic.Default)
            {
                // /warnaserror:ID and rule sets that raise it.
                return true;
            }

            if (global != ReportDiagnostic.Default)
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

        return !anyTree && outside;
    }

    /// <summary>A category or all-rules entry says <c>none</c> for this file.</summary>
    private static bool IsBulkOff(AnalyzerConfigOptions options, string category)
        => (options.TryGetValue("dotnet_analyzer_diagnostic.category-" + category + ".severity", out var value)
            || options.TryGetValue("dotnet_analyzer_diagnostic.severity", out value))
           && string.Equals(value.Trim(), "none", StringComparison.OrdinalIgnoreCase);
}
