using System.Collections.Immutable;
using System.Linq;
using CrossAccountAnalyzers.Analysis;
using CrossAccountAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers;

/// <summary>
/// A group of rules run as one analyzer, so that the driver dispatches each operation kind once for the group (see
/// <see cref="RuleContext"/>). Each rule stays in its own class and file and decides alone what it reports.
/// </summary>
/// <remarks>
/// The package exports one group of every rule (<see cref="CrossAccountRulesAnalyzer"/>). Its code fixes do not need the
/// rules apart: a bulk client such as <c>dotnet format analyzers</c> may start a rule's Fix All from another rule's
/// diagnostic of the same analyzer, and the Fix All then picks its fix itself (see the code-fix project's FixAllKeys;
/// Meta/BulkFixTests and the consumer matrix in <c>.ci</c> check it).
/// </remarks>
public abstract class RuleGroupAnalyzer : DiagnosticAnalyzer
{
    private ImmutableArray<DiagnosticDescriptor> _supported;

    /// <summary>The rules of this group, in the order of their IDs.</summary>
    internal abstract ImmutableArray<CrossAccountAnalyzer> Rules { get; }

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics
        => _supported.IsDefault ? (_supported = Rules.SelectMany(r => r.SupportedDiagnostics).Distinct().ToImmutableArray()) : _supported;

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code: every action returns at once there (see GeneratedCode for why the driver is not asked to filter).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Flags);
        RuleHost.Start(context, Rules);
    }
}

/// <summary>The analyzer the package exports: every CXA rule, CXA1001 to CXA3003.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CrossAccountRulesAnalyzer : RuleGroupAnalyzer
{
    internal override ImmutableArray<CrossAccountAnalyzer> Rules { get; } = ImmutableArray.Create<CrossAccountAnalyzer>(
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
}
