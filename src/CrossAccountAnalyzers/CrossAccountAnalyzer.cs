using System.Collections.Immutable;
using CrossAccountAnalyzers.Analysis;
using CrossAccountAnalyzers.Aws;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers;

/// <summary>
/// Base of every rule: concurrent, silent in generated code (see <see cref="GeneratedCode"/>), and registering nothing at all when the compilation
/// does not reference the AWS types the rule looks for (zero cost for the rest of the world).
/// </summary>
/// <remarks>
/// A rule is an analyzer hosting only itself, which is how its tests load it. The package exports the rules together,
/// as one analyzer (<see cref="CrossAccountRulesAnalyzer"/>), so that the driver dispatches each operation once for all
/// of them (see <see cref="RuleContext"/>); a rule therefore carries no <c>[DiagnosticAnalyzer]</c> attribute of its own.
/// </remarks>
public abstract class CrossAccountAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code: every action returns at once there (see GeneratedCode for why the driver is not asked to filter).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Flags);
        RuleHost.Start(context, ImmutableArray.Create(this));
    }

    /// <summary>Whether the compilation references what this rule looks for; when false, nothing is registered.</summary>
    protected internal abstract bool IsApplicable(AwsTypes types);

    protected internal abstract void OnCompilationStart(RuleContext context, AwsTypes types);
}
