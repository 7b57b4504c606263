using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.Policies;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.TrustPolicies;

/// <summary>One resource-policy statement to judge (CDK or JSON), with what a rule needs to report it and offer a fix.</summary>
internal readonly struct ResourceJudgement
{
    public ResourceJudgement(PolicyStatement statement, ResourceFixKind fixKind, SyntaxNode? fixTarget, AnalyzerOptions options, Action<Diagnostic> report, PolicyText? policy = null, SyntaxNode? anchor = null)
    {
        Anchor = anchor;
        Statement = statement;
        FixKind = fixKind;
        FixTarget = fixTarget;
        Options = options;
        Report = report;
        Policy = policy;
    }

    public PolicyStatement Statement { get; }

    /// <summary>
    /// The creation that was analyzed (CDK); a principal written outside it (added later by a call) is reported here,
    /// since a diagnostic must lie inside the operation it comes from.
    /// </summary>
    public SyntaxNode? Anchor { get; }

    public ResourceFixKind FixKind { get; }

    /// <summary>Where the fix writes (see <see cref="ResourceFixKind"/>); null when there is no fix.</summary>
    public SyntaxNode? FixTarget { get; }

    /// <summary>The JSON policy's text and source map; null for CDK statements.</summary>
    public PolicyText? Policy { get; }

    public AnalyzerOptions Options { get; }

    public Action<Diagnostic> Report { get; }
}

/// <summary>
/// Registration shared by the resource-policy rules (CXA3004, CXA3005): the CDK shapes read by
/// <see cref="CdkResourcePolicyReader"/>, and every string constant that parses as a resource policy (a statement with
/// a principal whose actions are not sts:AssumeRole), wherever it goes: <c>PutBucketPolicyRequest.Policy</c>, the SQS
/// <c>Policy</c> attribute, <c>PutKeyPolicyRequest.Policy</c>, <c>CreateKeyRequest.Policy</c>, or anywhere else.
/// Policies built as objects (anonymous objects, dictionaries, <c>JObject</c>) are read the same way, wherever they go.
/// The statements are read once for both rules.
/// </summary>
internal static class ResourcePolicyReaders
{
    public const string FixKindProperty = "ResourceFix";
    public const string JsonStatementProperty = "JsonStatement";

    public static bool IsApplicable(AwsTypes types) => types.HasCdk || types.HasCore;

    public static void Register(RuleContext context, AwsTypes types, Action<ResourceJudgement> judge)
        => context.Share(c => new Judges(c, types)).Add(context, judge);

    /// <summary>The properties and additional locations of a diagnostic that carries its fix.</summary>
    public static Diagnostic Create(DiagnosticDescriptor descriptor, TrustPrincipal principal, ResourceJudgement judgement, bool withFix, params object?[] arguments)
    {
        var location = judgement.Anchor is { } anchor && !anchor.Span.Contains(principal.Syntax.Span) ? anchor.GetLocation() : principal.GetLocation();
        if (!withFix || judgement.FixKind == ResourceFixKind.None || judgement.FixTarget is null)
        {
            return Diagnostic.Create(descriptor, location, arguments);
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(FixKindProperty, judgement.FixKind.ToString());
        if (judgement.FixKind == ResourceFixKind.JsonCondition)
        {
            properties = properties.Add(JsonStatementProperty, judgement.Statement.JsonIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return Diagnostic.Create(descriptor, location, new[] { judgement.FixTarget.GetLocation() }, properties, arguments);
    }

    private sealed class Judges : RuleFanOut<ResourceJudgement>
    {
        public Judges(RuleContext context, AwsTypes types)
        {
            RegisterCdk(context, types, Run);
            RegisterJsonPolicies(context, Run);
        }
    }

    private static void RegisterCdk(RuleContext context, AwsTypes types, Action<ResourceJudgement> judge)
    {
        if (!types.HasCdk || types.CdkPolicyStatement is null)
        {
            return;
        }

        var evaluator = HardCodedValueEvaluator.Get(context.Compilation);
        context.OnCreationOf(
            c =>
            {
                var creation = (IObjectCreationOperation)c.Operation;
                if (creation.Constructor is null || CodeShapes.IsBeingTyped(creation.Syntax))
                {
                    return;
                }

                var read = SymbolEqualityComparer.Default.Equals(creation.Type, types.CdkPolicyStatement)
                    ? CdkResourcePolicyReader.ReadStatement(creation, types, evaluator, c.CancellationToken)
                    : CdkResourcePolicyReader.ReadPermission(creation, types, evaluator, c.CancellationToken);
                if (read is not null)
                {
                    judge(new ResourceJudgement(read.Statement, read.FixKind, read.FixTarget, c.Options, c.ReportDiagnostic, anchor: creation.Syntax));
                }
            },
            types.CdkPolicyStatement,
            types.CdkLambdaPermission,
            types.CdkCfnPermissionProps);

        context.OnNamedOperation(
            c =>
            {
                if (CdkResourcePolicyReader.ReadGrantInvoke((IInvocationOperation)c.Operation, types, evaluator, c.CancellationToken) is { } read)
                {
                    judge(new ResourceJudgement(read.Statement, read.FixKind, read.FixTarget, c.Options, c.ReportDiagnostic));
                }
            },
            OperationKind.Invocation,
            "GrantInvoke",
            "GrantInvokeLatestVersion");
    }

    private static void RegisterJsonPolicies(RuleContext context, Action<ResourceJudgement> judge)
    {
        // As the trust rules do (TrustPolicyReaders): one pass per file whose text says "Statement", over the string
        // expressions with a literal part that says it, each judged once from the top of its concatenation.
        context.OnSemanticModel(c =>
        {
            var tree = c.SemanticModel.SyntaxTree;
            if (!SourceTextSearch.MayHold(tree, SourceTextFacts.Statement, c.CancellationToken))
            {
                return;
            }

            var climbed = new HashSet<SyntaxNode>();
            HashSet<SyntaxNode>? objects = null;
            foreach (var token in SourceTextSearch.TokensHolding(tree, TrustPolicyReaders.StatementNeedle, c.CancellationToken))
            {
                if (TrustPolicyReaders.StringExpressionOf(token) is { } expression && TrustPolicyReaders.TopOf(expression, climbed) is { } top)
                {
                    AnalyzeString(top, c.SemanticModel, c.Options, c.ReportDiagnostic, judge, c.CancellationToken);
                }

                // A policy built as objects (an anonymous object, a dictionary, a JObject with a Statement), wherever it
                // goes: an L1 Cfn*Policy's PolicyDocument, PolicyDocument.FromJson, JsonSerializer.Serialize(...).
                if (token.ValueText == "Statement" && TrustPolicyReaders.ObjectPolicyRoot(token) is { } root && (objects ??= new HashSet<SyntaxNode>()).Add(root))
                {
                    AnalyzeObject(root, c.SemanticModel, c.Options, c.ReportDiagnostic, judge, c.CancellationToken);
                }
            }
        });
    }

    private static void AnalyzeObject(SyntaxNode root, SemanticModel model, AnalyzerOptions options, Action<Diagnostic> report, Action<ResourceJudgement> judge, CancellationToken cancellationToken)
    {
        if (model.GetOperation(root, cancellationToken) is not { } operation || GeneratedCode.IsInGeneratedCodeSymbol(model, root, cancellationToken))
        {
            return;
        }

        foreach (var statement in ObjectPolicyReader.ReadPolicy(operation, HardCodedValueEvaluator.Get(model.Compilation), cancellationToken))
        {
            if (CdkResourcePolicyReader.IsResourceStatement(statement))
            {
                judge(new ResourceJudgement(statement, ResourceFixKind.None, null, options, report));
            }
        }
    }

    private static void AnalyzeString(ExpressionSyntax top, SemanticModel model, AnalyzerOptions options, Action<Diagnostic> report, Action<ResourceJudgement> judge, CancellationToken cancellationToken)
    {
        if (!TrustPolicyReaders.MayHoldPolicy(top))
        {
            return;
        }

        var policy = PolicyText.Create(top, e => model.GetConstantValue(e, cancellationToken) is { HasValue: true, Value: var value } ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null);
        if (policy is null || !JsonResourcePolicyReader.MayBeResourcePolicy(policy.Text) || GeneratedCode.IsInGeneratedCodeSymbol(model, top, cancellationToken))
        {
            return;
        }

        foreach (var statement in JsonResourcePolicyReader.Read(policy, model))
        {
            judge(new ResourceJudgement(statement, ResourceFixKind.JsonCondition, policy.Expression, options, report, policy));
        }
    }
}

/// <summary>The decisions of CXA3004 and CXA3005 on the policy model, the same for CDK and JSON statements.</summary>
internal static class ResourceJudge
{
    private static readonly string[] SourceKeys = { "aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths" };
    private static readonly string[] NarrowingKeys = { "aws:PrincipalOrgID", "aws:PrincipalAccount", "aws:SourceVpce", "aws:SourceVpc", "aws:SourceIp", "aws:SourceArn", "aws:SourceAccount" };

    private static bool Has(PolicyStatement statement, TrustPrincipal principal, string key) => statement.Conditions.Has(key) || principal.Conditions.Has(key);

    private static bool Unknown(PolicyStatement statement, TrustPrincipal principal) => statement.Conditions.IsUnknown || principal.Conditions.IsUnknown;

    /// <summary>CXA3004: a service of the table may act on the resource with no source condition; the entry, else null.</summary>
    public static SourceConditionService? ServiceWithoutSource(PolicyStatement statement, TrustPrincipal principal)
        => principal.Kind == TrustPrincipalKind.Service
           && SourceConditionServices.Find(principal.Name) is { } service
           && !Unknown(statement, principal)
           && !SourceKeys.Any(k => Has(statement, principal, k))
            ? service
            : null;

    /// <summary>CXA3005: anyone may use the resource, with nothing that narrows it.</summary>
    public static bool IsAnyWithoutNarrowing(PolicyStatement statement, TrustPrincipal principal)
        => principal.Kind == TrustPrincipalKind.Any
           && !Unknown(statement, principal)
           && !NarrowingKeys.Any(k => Has(statement, principal, k));
}
