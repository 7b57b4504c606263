using System.Collections.Immutable;
using System.Linq;
using CrossAccountAnalyzers.Analysis;
using CrossAccountAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers;

/// <summary>
/// An analyzer the package exports: a group of rules run as one analyzer, so that the driver dispatches each operation
/// kind once for the group (see <see cref="RuleContext"/>). Each rule stays in its own class and file and decides alone
/// what it reports.
/// </summary>
/// <remarks>
/// Each exported analyzer carries at most one rule with a code fix. <c>dotnet format analyzers</c> computes an
/// analyzer's diagnostics once and then applies the fixes diagnostic ID by diagnostic ID: a second fixable rule in the
/// same analyzer would be fixed at positions the first fix had already moved, and left unfixed (the consumer matrix
/// in <c>.ci</c> checks this through a real <c>dotnet format</c>).
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

/// <summary>CXA1001 (fixable) and CXA1003: what an AssumeRole call and an ExternalId sink are given.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AssumeRoleRulesAnalyzer : RuleGroupAnalyzer
{
    internal override ImmutableArray<CrossAccountAnalyzer> Rules { get; } = ImmutableArray.Create<CrossAccountAnalyzer>(new AssumeRoleWithoutExternalIdAnalyzer(), new InvalidExternalIdAnalyzer());
}

/// <summary>CXA1002 (fixable).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConstantExternalIdRulesAnalyzer : RuleGroupAnalyzer
{
    internal override ImmutableArray<CrossAccountAnalyzer> Rules { get; } = ImmutableArray.Create<CrossAccountAnalyzer>(new ConstantExternalIdAnalyzer());
}

/// <summary>CXA2001 (fixable), CXA2003 and CXA2004: keys given to clients, written in source, or put in the environment.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ClientCredentialsRulesAnalyzer : RuleGroupAnalyzer
{
    internal override ImmutableArray<CrossAccountAnalyzer> Rules { get; } = ImmutableArray.Create<CrossAccountAnalyzer>(new HardCodedClientCredentialsAnalyzer(), new AccessKeyIdInSourceAnalyzer(), new CredentialsInEnvironmentAnalyzer());
}

/// <summary>CXA2002 (fixable).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CredentialsObjectRulesAnalyzer : RuleGroupAnalyzer
{
    internal override ImmutableArray<CrossAccountAnalyzer> Rules { get; } = ImmutableArray.Create<CrossAccountAnalyzer>(new HardCodedCredentialsObjectAnalyzer());
}

/// <summary>CXA3001 (fixable), CXA3002 and CXA3003: role trust policies, in CDK and in JSON.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TrustPolicyRulesAnalyzer : RuleGroupAnalyzer
{
    internal override ImmutableArray<CrossAccountAnalyzer> Rules { get; } = ImmutableArray.Create<CrossAccountAnalyzer>(new RoleTrustsAccountWithoutExternalIdAnalyzer(), new RoleTrustsAnyPrincipalAnalyzer(), new ServicePrincipalWithoutSourceConditionAnalyzer());
}
