using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers.Engine;

/// <summary>
/// The analyzer of one rule family (CXA1xxx, CXA2xxx, CXA3xxx): hosts the family's rules through <see cref="RuleHost"/>,
/// which registers each operation kind once for the family and starts only the rules that are switched on
/// (<see cref="RuleEnablement"/>).
/// </summary>
public abstract class FamilyAnalyzer : DiagnosticAnalyzer
{
    private ImmutableArray<DiagnosticDescriptor> _supported;

    /// <summary>The rules of this family, in the order of their IDs.</summary>
    internal abstract ImmutableArray<CxaRule> Rules { get; }

    /// <summary>Every rule's descriptors.</summary>
    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics
        => _supported.IsDefault ? (_supported = Rules.SelectMany(r => r.SupportedDiagnostics).Distinct().ToImmutableArray()) : _supported;

    /// <summary>Starts the family's host (see <see cref="RuleHost"/>).</summary>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code: every action returns at once there (GeneratedCode says why the driver is not asked to filter).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Flags);
        RuleHost.Start(context, Rules);
    }
}
