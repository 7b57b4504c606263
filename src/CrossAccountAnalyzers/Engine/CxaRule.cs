using System.Collections.Immutable;
using CrossAccountAnalyzers.Aws;
using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.Engine;

/// <summary>
/// One rule: what it reports and what it registers at the start of a compilation. A rule is not an analyzer of its
/// own; its family's analyzer (<see cref="FamilyAnalyzer"/>) hosts it and starts it only where the compilation
/// references the AWS types it looks for and its diagnostics are not all switched off.
/// </summary>
internal abstract class CxaRule
{
    public abstract ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>The rule reports in AdditionalFiles, whose severity comes from the settings outside any source file.</summary>
    public virtual bool ReadsAdditionalFiles => false;

    /// <summary>Whether the compilation references what this rule looks for; when false, nothing is registered.</summary>
    protected internal abstract bool IsApplicable(AwsTypes types);

    protected internal abstract void OnCompilationStart(RuleContext context, AwsTypes types);
}
