using System;
using CrossAccountAnalyzers.Analysis;
using CrossAccountAnalyzers.Aws;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.Rules;

/// <summary>Registration shared by the Family 3 rules: every CDK <c>Role</c> read into the trust model, judged by the rule.</summary>
internal static class TrustPolicyAnalysis
{
    public static void RegisterCdkRoles(CompilationStartAnalysisContext context, AwsTypes types, Action<OperationAnalysisContext, CdkRoleTrust> judge)
    {
        if (!types.HasCdk)
        {
            return;
        }

        var evaluator = HardCodedValueEvaluator.Get(context.Compilation);
        context.RegisterOperationAction(
            c =>
            {
                var creation = (IObjectCreationOperation)c.Operation;
                if (creation.Constructor is null || !AwsTypes.InheritsFromOrEquals(creation.Type, types.CdkRole) || AssumeRoleWithoutExternalIdAnalyzer.IsBeingTyped(creation.Syntax))
                {
                    return;
                }

                if (CdkTrustReader.Read(creation, types, evaluator, c.CancellationToken) is { } trust)
                {
                    judge(c, trust);
                }
            },
            OperationKind.ObjectCreation);
    }

    /// <summary>A short name for a principal in messages: the constructed type.</summary>
    public static string Describe(TrustPrincipal principal)
        => principal.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.BaseObjectCreationExpressionSyntax creation && creation is Microsoft.CodeAnalysis.CSharp.Syntax.ObjectCreationExpressionSyntax { Type: var type }
            ? type.ToString()
            : "the principal";
}
