using System.Collections.Immutable;
using System.Linq;
using CrossAccountAnalyzers.Analysis;
using CrossAccountAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers;

/// <summary>
/// The analyzer the package exports: every rule of the catalogue, run as one analyzer so that the driver dispatches
/// each operation kind once for all of them (see <see cref="RuleContext"/>). Each rule stays in its own class and
/// file, and decides alone what it reports.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AllRulesAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Every rule, in the order of their IDs.</summary>
    internal static ImmutableArray<CrossAccountAnalyzer> Rules { get; } = ImmutableArray.Create<CrossAccountAnalyzer>(
        new AssumeRoleWithoutExternalIdAnalyzer(),
        new ConstantExternalIdAnalyzer(),
        new InvalidExternalIdAnalyzer(),
        new HardCodedClientCredentialsAnalyzer(),
        new HardCodedCredentialsObjectAnalyzer(),
        new AccessKeyIdInSourceAnalyzer(),
        new CredentialsInEnvironmentAnalyzer(),
        new RoleTrustsAccountWithoutExternalIdAnalyzer(),
        new RoleTrustsAnyPrincipalAnalyzer(),
        new ServicePrincipalWithoutSourceConditionAnalyzer());

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Rules.SelectMany(r => r.SupportedDiagnostics).Distinct().ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code: every action returns at once there (see GeneratedCode for why the driver is not asked to filter).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Flags);
        RuleHost.Start(context, Rules);
    }
}
