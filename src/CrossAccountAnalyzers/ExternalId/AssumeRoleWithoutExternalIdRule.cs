using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.ExternalId;

/// <summary>
/// CXA1001: an <c>AssumeRoleRequest</c>, <c>AssumeRoleAWSCredentials</c> or <c>AWSOptions</c> with a
/// <c>SessionRoleArn</c> that never gets an ExternalId in the body that creates it.
/// </summary>
internal sealed class AssumeRoleWithoutExternalIdRule : CxaRule
{
    private static readonly ImmutableArray<string> RequestProperties = ImmutableArray.Create(AwsTypes.ExternalIdProperty, AwsTypes.RoleArnProperty);
    private static readonly ImmutableArray<string> AwsOptionsProperties = ImmutableArray.Create(AwsTypes.ExternalIdProperty, AwsTypes.SessionRoleArnProperty);
    private static readonly ImmutableArray<string> OptionsProperties = ImmutableArray.Create(AwsTypes.ExternalIdProperty);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CXA1001_AssumeRoleWithoutExternalId);

    protected internal override bool IsApplicable(AwsTypes types) => types.HasAssumeRoleSinks;

    protected internal override void OnCompilationStart(RuleContext context, AwsTypes types)
    {
        var evaluator = HardCodedValueEvaluator.Get(context.Compilation);
        context.OnCreationOf(c => AnalyzeCreation(c, types, evaluator), types.AssumeRoleRequest, types.AWSOptions, types.AssumeRoleAWSCredentials);
        if (types.AssumeRoleAWSCredentials is not null && types.AssumeRoleAWSCredentialsOptions is not null)
        {
            // Only code with errors has invalid operations: nothing to pay for in code that compiles.
            context.OnOperation(c => AnalyzeUnresolvedCredentials(c, types, evaluator), OperationKind.Invalid);
        }
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, AwsTypes types, HardCodedValueEvaluator evaluator)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        var type = creation.Type;
        if (type is null || creation.Constructor is null)
        {
            return;
        }

        var isRequest = SymbolEqualityComparer.Default.Equals(type, types.AssumeRoleRequest);
        var isOptions = !isRequest && SymbolEqualityComparer.Default.Equals(type, types.AWSOptions);
        if ((!isRequest && !isOptions && !AwsTypes.InheritsFromOrEquals(type, types.AssumeRoleAWSCredentials)) || CodeShapes.IsBeingTyped(creation.Syntax))
        {
            // Not a sink (the common case, decided on the type alone), or code still being typed.
            return;
        }

        if (isRequest)
        {
            AnalyzeMutableSink(context, creation, RequestProperties, AwsTypes.RoleArnProperty, requireRoleArn: false, "AssumeRoleRequest", ExternalIdFixKind.Initializer, evaluator);
        }
        else if (isOptions)
        {
            AnalyzeMutableSink(context, creation, AwsOptionsProperties, AwsTypes.SessionRoleArnProperty, requireRoleArn: true, "AWSOptions with a SessionRoleArn", ExternalIdFixKind.Initializer, evaluator);
        }
        else
        {
            AnalyzeAssumeRoleCredentials(context, creation, types, evaluator);
        }
    }

    private static void AnalyzeMutableSink(
        OperationAnalysisContext context,
        IObjectCreationOperation creation,
        ImmutableArray<string> properties,
        string roleArnProperty,
        bool requireRoleArn,
        string what,
        ExternalIdFixKind fixKind,
        HardCodedValueEvaluator evaluator)
    {
        var cancellationToken = context.CancellationToken;
        var usage = CreatedObjectTracker.Analyze(creation, properties, cancellationToken);
        if (IsCompletedElsewhere(context, creation, usage, evaluator))
        {
            return;
        }

        var roleArns = usage.WritesTo(roleArnProperty).ToImmutableArray();
        if (requireRoleArn && roleArns.All(w => evaluator.Evaluate(w.Value, cancellationToken).IsNullOrEmptyOnly && w.Value is not null))
        {
            // AWSOptions without a role session is not an AssumeRole sink.
            return;
        }

        if (!TryGetUnsetExternalIdWrites(usage, evaluator, cancellationToken, out var emptyWrites))
        {
            return;
        }

        if (IsTrustedRole(context, roleArns.Select(w => w.Value), evaluator))
        {
            return;
        }

        Report(context, creation, what, fixKind, creation.Syntax, emptyWrites);
    }

    private static void AnalyzeAssumeRoleCredentials(OperationAnalysisContext context, IObjectCreationOperation creation, AwsTypes types, HardCodedValueEvaluator evaluator)
    {
        var cancellationToken = context.CancellationToken;
        IOperation? roleArn = null;
        IArgumentOperation? optionsArgument = null;
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter is null)
            {
                continue;
            }

            if (argument.Parameter.Name == "roleArn" && argument.Parameter.Type.SpecialType == SpecialType.System_String)
            {
                roleArn = argument.Value;
            }
            else if (SymbolEqualityComparer.Default.Equals(argument.Parameter.Type, types.AssumeRoleAWSCredentialsOptions))
            {
                optionsArgument = argument;
            }
        }

        if (IsTrustedRole(context, new[] { roleArn }, evaluator))
        {
            return;
        }

        if (optionsArgument is null || optionsArgument.ArgumentKind == ArgumentKind.DefaultValue)
        {
            if (creation.Syntax is BaseObjectCreationExpressionSyntax { ArgumentList: not null })
            {
                Report(context, creation, "AssumeRoleAWSCredentials", ExternalIdFixKind.AddOptionsArgument, creation.Syntax, ImmutableArray<SyntaxNode>.Empty);
            }

            return;
        }

        AnalyzeOptions(context, creation, optionsArgument.Value, types, evaluator);
    }

    /// <summary>The options given to an <c>AssumeRoleAWSCredentials</c> (<paramref name="creation"/>): reported when they have no ExternalId.</summary>
    private static void AnalyzeOptions(OperationAnalysisContext context, IOperation creation, IOperation options, AwsTypes types, HardCodedValueEvaluator evaluator)
    {
        var cancellationToken = context.CancellationToken;
        var optionsValue = ObjectCreations.Unwrap(options);
        if (optionsValue.ConstantValue is { HasValue: true, Value: null })
        {
            Report(context, creation, "AssumeRoleAWSCredentials", ExternalIdFixKind.ReplaceOptionsArgument, options.Syntax, ImmutableArray<SyntaxNode>.Empty);
            return;
        }

        IObjectCreationOperation? optionsCreation = optionsValue as IObjectCreationOperation;
        var aliases = ImmutableArray<ILocalSymbol>.Empty;
        if (optionsCreation is null && optionsValue is ILocalReferenceOperation local)
        {
            // new AssumeRoleAWSCredentials(source, arn, name, options) with `var options = new AssumeRoleAWSCredentialsOptions { ... }`.
            optionsCreation = ObjectCreations.FindSingleCreationAssignedTo(local, cancellationToken);
            aliases = ImmutableArray.Create(local.Local);
        }

        if (optionsCreation is null || !SymbolEqualityComparer.Default.Equals(optionsCreation.Type, types.AssumeRoleAWSCredentialsOptions) || CodeShapes.IsBeingTyped(optionsCreation.Syntax))
        {
            // Options from a parameter, a factory or configuration: not ours to judge.
            return;
        }

        var usage = CreatedObjectTracker.Analyze(optionsCreation, OptionsProperties, aliases, cancellationToken);
        if (IsCompletedElsewhere(context, optionsCreation, usage, evaluator) || !TryGetUnsetExternalIdWrites(usage, evaluator, cancellationToken, out var emptyWrites))
        {
            return;
        }

        Report(context, creation, "AssumeRoleAWSCredentials", ExternalIdFixKind.Initializer, optionsCreation.Syntax, emptyWrites);
    }

    /// <summary>
    /// <c>new AssumeRoleAWSCredentials(Missing.Credentials, roleArn, "s")</c>: an argument that does not bind makes
    /// overload resolution fail, but when no constructor that fits the arguments takes options, there are none, whatever
    /// the unbound argument is. Where a fitting constructor could take options (the deciding part), nothing is said.
    /// </summary>
    private static void AnalyzeUnresolvedCredentials(OperationAnalysisContext context, AwsTypes types, HardCodedValueEvaluator evaluator)
    {
        if (UnresolvedCreation.TryRead(context.Operation, context.CancellationToken) is not { } creation
            || !AwsTypes.InheritsFromOrEquals(creation.Type, types.AssumeRoleAWSCredentials))
        {
            return;
        }

        // Options where every fitting constructor takes them, given as a value that binds: judged as in code that binds.
        IOperation? options = null;
        for (var i = 0; i < creation.Arguments.Length; i++)
        {
            var parameters = creation.ParametersAt(i).ToList();
            if (parameters.Count == creation.Fitting.Length && parameters.All(p => SymbolEqualityComparer.Default.Equals(p.Type, types.AssumeRoleAWSCredentialsOptions)))
            {
                options = creation.Arguments[i];
            }
        }

        if (options is null && creation.Fitting.Any(m => m.Parameters.Any(p => SymbolEqualityComparer.Default.Equals(p.Type, types.AssumeRoleAWSCredentialsOptions))))
        {
            // A fitting constructor could take options that are not written, or not where the others take them.
            return;
        }

        if (options is not null && UnresolvedCreation.IsUnbound(options))
        {
            return;
        }

        // The role ARN, where every fitting constructor has it at the same place.
        for (var i = 0; i < creation.Arguments.Length; i++)
        {
            if (creation.Arguments[i] is { } roleArn && creation.ParametersAt(i).All(p => p.Name == "roleArn") && IsTrustedRole(context, new[] { roleArn }, evaluator))
            {
                return;
            }
        }

        if (options is not null)
        {
            AnalyzeOptions(context, creation.Operation, options, types, evaluator);
            return;
        }

        var operation = creation.Operation;
        var syntax = creation.Syntax;
        Report(context, operation, "AssumeRoleAWSCredentials", ExternalIdFixKind.AddOptionsArgument, syntax, ImmutableArray<SyntaxNode>.Empty);
    }

    /// <summary>The object escapes to code that may set the ExternalId, or a factory returns it to a caller that does.</summary>
    private static bool IsCompletedElsewhere(OperationAnalysisContext context, IOperation creation, CreatedObjectUsage usage, HardCodedValueEvaluator evaluator)
        => usage.Escapes
           || (usage.ReturnedFrom is { } factory
               && FactoryCallers.Get(context.Compilation).AnyCallerSets(factory, creation, AwsTypes.ExternalIdProperty, evaluator, context.CancellationToken));

    /// <summary>
    /// True when no write sets a non-empty ExternalId. <paramref name="emptyWrites"/> are the values of explicit
    /// <c>null</c>/<c>""</c> assignments, which a fix replaces.
    /// </summary>
    private static bool TryGetUnsetExternalIdWrites(CreatedObjectUsage usage, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken, out ImmutableArray<SyntaxNode> emptyWrites)
    {
        var builder = ImmutableArray.CreateBuilder<SyntaxNode>();
        foreach (var write in usage.WritesTo(AwsTypes.ExternalIdProperty))
        {
            if (write.Value is null || !evaluator.Evaluate(write.Value, cancellationToken).IsNullOrEmptyOnly)
            {
                emptyWrites = default;
                return false;
            }

            builder.Add(write.Value.Syntax);
        }

        emptyWrites = builder.ToImmutable();
        return true;
    }

    /// <summary>
    /// The role is in one of the organisation's own accounts (<c>cxa_trusted_account_ids</c>) or in the caller's own
    /// (<see cref="OwnAccount"/>), or it is a CDK bootstrap role (<see cref="CdkBootstrapRoles"/>), which must be assumed
    /// without an ExternalId.
    /// </summary>
    private static bool IsTrustedRole(OperationAnalysisContext context, System.Collections.Generic.IEnumerable<IOperation?> roleArnValues, HardCodedValueEvaluator evaluator)
    {
        var values = roleArnValues.ToList();
        if (values.Count > 0 && values.TrueForAll(v => OwnAccount.IsCallerIdentityArn(v, context.CancellationToken)))
        {
            return true;
        }

        if (values.Count > 0 && values.TrueForAll(v => evaluator.Evaluate(v, context.CancellationToken) is { IsKnown: true } arns && arns.Values.All(CdkBootstrapRoles.IsBootstrapRoleArn)))
        {
            // A CDK bootstrap role (cdk-hnb659fds-deploy-role-...): its trust policy denies AssumeRole with an ExternalId.
            return true;
        }

        var trusted = CxaOptions.GetTrustedAccountIds(context.Options, context.Operation.Syntax.SyntaxTree);
        if (trusted.IsEmpty)
        {
            return false;
        }

        var any = false;
        foreach (var value in values)
        {
            var arns = evaluator.Evaluate(value, context.CancellationToken);
            if (!arns.IsKnown)
            {
                return false;
            }

            foreach (var arn in arns.Values)
            {
                var account = AwsArn.TryGetAccountId(arn);
                if (account is null || !trusted.Contains(account))
                {
                    return false;
                }

                any = true;
            }
        }

        return any;
    }

    private static void Report(OperationAnalysisContext context, IOperation sink, string what, ExternalIdFixKind fixKind, SyntaxNode fixTarget, ImmutableArray<SyntaxNode> emptyWrites)
    {
        var additional = ImmutableArray.CreateBuilder<Location>(1 + emptyWrites.Length);
        additional.Add(fixTarget.GetLocation());
        foreach (var write in emptyWrites)
        {
            additional.Add(write.GetLocation());
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(ExternalIdFix.FixKindProperty, fixKind.ToString());
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CXA1001_AssumeRoleWithoutExternalId,
            CodeShapes.GetCreationHeadLocation(sink.Syntax),
            additional,
            properties,
            what));
    }
}
