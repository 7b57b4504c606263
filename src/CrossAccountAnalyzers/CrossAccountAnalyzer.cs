using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using CrossAccountAnalyzers.Analysis;
using CrossAccountAnalyzers.Aws;

namespace CrossAccountAnalyzers;

/// <summary>
/// Base of every rule: concurrent, silent in generated code (see <see cref="GeneratedCode"/>), and registering nothing at all when the compilation
/// does not reference the AWS types the rule looks for (zero cost for the rest of the world).
/// </summary>
public abstract class CrossAccountAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code: every action returns at once there (see GeneratedCode for why the driver is not asked to filter).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Flags);
        context.RegisterCompilationStartAction(compilationContext =>
        {
            var types = AwsTypes.Get(compilationContext.Compilation);
            if (IsApplicable(types))
            {
                OnCompilationStart(compilationContext, types);
            }
        });
    }

    /// <summary>Whether the compilation references what this rule looks for; when false, nothing is registered.</summary>
    protected abstract bool IsApplicable(AwsTypes types);

    protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, AwsTypes types);
}
