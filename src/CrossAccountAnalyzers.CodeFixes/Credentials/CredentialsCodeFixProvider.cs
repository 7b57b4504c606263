using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.CodeFixes.Machinery;
using CrossAccountAnalyzers.Credentials;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace CrossAccountAnalyzers.CodeFixes.Credentials;

/// <summary>
/// CXA2001 and CXA2002: replace hard-coded keys with the default credential chain, or with temporary credentials from
/// an STS AssumeRole that sends an ExternalId (role ARN and external id from scope, new parameters, or configuration).
/// </summary>
public abstract class CredentialsCodeFixProvider : CodeFixProvider
{
    /// <summary>The end of the equivalence key of "Use the default AWS credential chain".</summary>
    public const string DefaultChainSuffix = ".DefaultChain";
    /// <summary>The end of the equivalence key of "Assume an IAM role with STS".</summary>
    public const string StsSuffix = ".Sts";

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => CredentialsFixAllProvider.Instance;

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in FixAllKeys.Fixable(context, FixableDiagnosticIds))
        {
            var document = context.Document;
            var target = await TargetAsync(document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            if (target is null)
            {
                continue;
            }

            if (await DefaultChainAsync(document, new[] { diagnostic }, context.CancellationToken).ConfigureAwait(false) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use the default AWS credential chain",
                        async ct => await DefaultChainAsync(document, new[] { diagnostic }, ct).ConfigureAwait(false) ?? document,
                        diagnostic.Id + DefaultChainSuffix),
                    diagnostic);
            }

            if (CanAssumeRole(target.Value.Types) && StsReplacement(target.Value, ProbeRoleArn, ProbeExternalId, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Assume an IAM role with STS (with an ExternalId)",
                        ct => StsAsync(document.Project.Solution, new[] { (document, diagnostic) }, ct),
                        diagnostic.Id + StsSuffix),
                    diagnostic);
            }
        }
    }

    internal readonly struct Target
    {
        public Target(BaseObjectCreationExpressionSyntax syntax, IObjectCreationOperation operation, SemanticModel model, AwsTypes types, CredentialSinkKind kind)
        {
            Syntax = syntax;
            Operation = operation;
            Model = model;
            Types = types;
            Kind = kind;
        }

        public BaseObjectCreationExpressionSyntax Syntax { get; }

        public IObjectCreationOperation Operation { get; }

        public SemanticModel Model { get; }

        public AwsTypes Types { get; }

        public CredentialSinkKind Kind { get; }
    }

    internal static async Task<Target?> TargetAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(CredentialDiagnostics.SinkKindProperty, out var kindText)
            || !System.Enum.TryParse<CredentialSinkKind>(kindText, out var kind)
            || kind is not (CredentialSinkKind.Client or CredentialSinkKind.CredentialsObject)
            || diagnostic.AdditionalLocations.Count == 0)
        {
            return null;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var span = diagnostic.AdditionalLocations[0].SourceSpan;
        if (root is null || model is null || !root.FullSpan.Contains(span)
            || root.FindNode(span, getInnermostNodeForTie: true) is not BaseObjectCreationExpressionSyntax { ArgumentList: not null } syntax
            || model.GetOperation(syntax, cancellationToken) is not IObjectCreationOperation operation)
        {
            return null;
        }

        return new Target(syntax, operation, model, AwsTypes.Get(model.Compilation), kind);
    }

    /// <summary>Applies "use the default credential chain" for every diagnostic; null when one of them cannot be fixed so.</summary>
    internal static async Task<Document?> DefaultChainAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var any = false;
        foreach (var diagnostic in diagnostics)
        {
            if (await TargetAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is not { } target)
            {
                continue;
            }

            if (DefaultChainReplacement(target, cancellationToken) is not { } replacement)
            {
                continue;
            }

            replacement.ApplyTo(editor, target.Syntax);
            any = true;
        }

        return any ? editor.GetChangedDocument() : null;
    }

    private static Replacement? DefaultChainReplacement(Target target, CancellationToken cancellationToken)
        => target.Kind == CredentialSinkKind.Client
            ? ClientReplacement(target, credentials: null)
            : CredentialsReplacement(target, CredentialRewriter.DefaultCredentials(target.Types), cancellationToken);

    /// <summary>The client without its key arguments (and with <paramref name="credentials"/>, when given).</summary>
    private static Replacement? ClientReplacement(Target target, ExpressionSyntax? credentials)
    {
        var rewritten = CredentialRewriter.WithoutKeyArguments(target.Syntax, target.Operation, credentials);
        if (CredentialRewriter.Binds(target.Model, target.Syntax, rewritten))
        {
            return new Replacement(rewritten);
        }

        // TransferUtility has no (RegionEndpoint, TransferUtilityConfig) constructor: hand it an S3 client instead.
        return TransferUtilityOverClient(target, credentials) is { } overClient ? new Replacement(overClient) : null;
    }

    /// <summary>The STS credentials (with <paramref name="roleArn"/> and <paramref name="externalId"/>) in place of the keys.</summary>
    private static Replacement? StsReplacement(Target target, ExpressionSyntax roleArn, ExpressionSyntax externalId, CancellationToken cancellationToken)
    {
        var credentials = CredentialRewriter.AssumeRoleCredentials(target.Types, roleArn, externalId, CredentialRewriter.SessionName(target.Syntax));
        return target.Kind == CredentialSinkKind.Client ? ClientReplacement(target, credentials) : CredentialsReplacement(target, credentials, cancellationToken);
    }

    /// <summary>What replaces the flagged creation, and the declared type of the local holding it when that must become <c>AWSCredentials</c>.</summary>
    internal readonly struct Replacement
    {
        public Replacement(ExpressionSyntax expression, TypeSyntax? retype = null)
        {
            Expression = expression;
            Retype = retype;
        }

        public ExpressionSyntax Expression { get; }

        public TypeSyntax? Retype { get; }

        public void ApplyTo(DocumentEditor editor, SyntaxNode target)
        {
            editor.ReplaceNode(target, Expression.WithTriviaFrom(target));
            if (Retype is not null)
            {
                editor.ReplaceNode(Retype, ParseTypeName("global::Amazon.Runtime.AWSCredentials").WithAdditionalAnnotations(Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation).WithTriviaFrom(Retype));
            }
        }
    }

    /// <summary>The default or STS credentials in place of a credentials object, when the code around it accepts that type (retyping a local where needed).</summary>
    private static Replacement? CredentialsReplacement(Target target, ExpressionSyntax credentials, CancellationToken cancellationToken)
    {
        var types = target.Types;
        var compilation = target.Model.Compilation;
        if (types.AWSCredentials is null)
        {
            return null;
        }

        if (AwsTypes.InheritsFromOrEquals(target.Operation.Type, types.ImmutableCredentials) && types.ImmutableCredentials is not null)
        {
            // ImmutableCredentials is a snapshot: take one from the provider.
            var snapshot = InvocationExpression(MemberAccessExpression(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleMemberAccessExpression, credentials, IdentifierName("GetCredentials")));
            return CredentialRewriter.CanReplaceCreation(target.Operation, types.ImmutableCredentials, compilation, cancellationToken, out var snapshotRetype) && snapshotRetype is null
                ? new Replacement(snapshot)
                : null;
        }

        return CredentialRewriter.CanReplaceCreation(target.Operation, types.AWSCredentials, compilation, cancellationToken, out var retype) ? new Replacement(credentials, retype) : null;
    }

    private static ExpressionSyntax? TransferUtilityOverClient(Target target, ExpressionSyntax? credentials)
    {
        if (!AwsTypes.InheritsFromOrEquals(target.Operation.Type, target.Types.TransferUtility))
        {
            return null;
        }

        ArgumentSyntax? region = null;
        ArgumentSyntax? config = null;
        foreach (var argument in target.Operation.Arguments)
        {
            if (argument.Syntax is not ArgumentSyntax syntax)
            {
                continue;
            }

            if (argument.Parameter?.Type.Name == "RegionEndpoint")
            {
                region = syntax;
            }
            else if (argument.Parameter?.Type.Name == "TransferUtilityConfig")
            {
                config = syntax;
            }
        }

        var clientArguments = new List<ArgumentSyntax>();
        if (credentials is not null)
        {
            clientArguments.Add(Argument(credentials));
        }

        if (region is not null)
        {
            clientArguments.Add(region.WithoutTrivia());
        }

        var client = ObjectCreationExpression(ParseTypeName("global::Amazon.S3.AmazonS3Client").WithAdditionalAnnotations(Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation))
            .WithNewKeyword(Token(Microsoft.CodeAnalysis.CSharp.SyntaxKind.NewKeyword).WithTrailingTrivia(Space))
            .WithArgumentList(ArgumentList(SeparatedList(clientArguments, Enumerable.Repeat(Token(Microsoft.CodeAnalysis.CSharp.SyntaxKind.CommaToken).WithTrailingTrivia(Space), System.Math.Max(0, clientArguments.Count - 1)))));
        var arguments = new List<ArgumentSyntax> { Argument(client) };
        if (config is not null)
        {
            arguments.Add(config.WithoutTrivia());
        }

        var rewritten = target.Syntax.WithArgumentList(target.Syntax.ArgumentList!.WithArguments(SeparatedList(arguments, Enumerable.Repeat(Token(Microsoft.CodeAnalysis.CSharp.SyntaxKind.CommaToken).WithTrailingTrivia(Space), arguments.Count - 1))));
        return CredentialRewriter.Binds(target.Model, target.Syntax, rewritten) ? rewritten : null;
    }

    private static readonly ExpressionSyntax ProbeRoleArn = IdentifierName("roleArn");
    private static readonly ExpressionSyntax ProbeExternalId = IdentifierName("externalId");

    /// <summary>The STS fix needs AssumeRoleAWSCredentials and its options in the referenced SDK.</summary>
    private static bool CanAssumeRole(AwsTypes types)
        => types.AssumeRoleAWSCredentials is not null && types.AssumeRoleAWSCredentialsOptions is not null && types.AWSCredentials is not null;

    /// <summary>The STS fix for a batch: values in scope are used, missing ones become parameters (or configuration reads where no parameter can be added).</summary>
    internal static async Task<Solution> StsAsync(Solution solution, IEnumerable<(Document Document, Diagnostic Diagnostic)> diagnostics, CancellationToken cancellationToken)
    {
        var requests = new List<ParameterRequest>();
        foreach (var (document, diagnostic) in diagnostics)
        {
            if (await TargetAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is not { } target)
            {
                continue;
            }

            var model = target.Model;
            var roleArn = ExternalIdSources.FindInScope(model, target.Syntax, ExternalIdSources.LooksLikeRoleArn, cancellationToken)?.Expression;
            var externalId = ExternalIdSources.FindInScope(model, target.Syntax, ExternalIdSources.LooksLikeExternalId, cancellationToken)?.Expression;
            var missing = ImmutableArray.CreateBuilder<ParameterSpec>();
            if (roleArn is null)
            {
                missing.Add(ParameterSpec.RoleArn);
            }

            if (externalId is null)
            {
                missing.Add(ParameterSpec.ExternalId);
            }

            if (StsReplacement(target, ProbeRoleArn, ProbeExternalId, cancellationToken) is null)
            {
                // Nothing to put the credentials into: no parameter is added either.
                continue;
            }

            void Write(DocumentEditor editor, ExpressionSyntax role, ExpressionSyntax external)
                => StsReplacement(target, role, external, cancellationToken)?.ApplyTo(editor, target.Syntax);

            var specs = missing.ToImmutable();
            requests.Add(new ParameterRequest(
                document,
                target.Syntax,
                specs,
                (editor, names) =>
                {
                    var role = roleArn ?? IdentifierName(names[specs.IndexOf(ParameterSpec.RoleArn)]);
                    var external = externalId ?? IdentifierName(names[specs.IndexOf(ParameterSpec.ExternalId)]);
                    Write(editor, role, external);
                },
                editor =>
                {
                    // No method to take parameters (a field initializer, an entry point...): read configuration, loudly.
                    var role = roleArn ?? ParameterSpec.RoleArn.FromConfiguration(document, model, target.Syntax, cancellationToken).Expression;
                    var external = externalId ?? ParameterSpec.ExternalId.FromConfiguration(document, model, target.Syntax, cancellationToken).Expression;
                    Write(editor, role, external);
                }));
        }

        return await ParameterIntroducer.ApplyAsync(solution, requests, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>FixAll for CXA2001/CXA2002: the default-chain fix per document in one pass, the STS fix as one batch across documents.</summary>
internal sealed class CredentialsFixAllProvider : FixAllProvider
{
    public static readonly CredentialsFixAllProvider Instance = new();

    /// <inheritdoc/>
    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    /// <inheritdoc/>
    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var key = await FixAllKeys.ResolveAsync(fixAllContext).ConfigureAwait(false);
        if (key is null)
        {
            return null;
        }

        var rule = FixAllKeys.RuleOf(key);
        var byDocument = new List<(Document Document, ImmutableArray<Diagnostic> Diagnostics)>();
        foreach (var document in FixAllKeys.DocumentsInScope(fixAllContext))
        {
            var diagnostics = await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
            var relevant = diagnostics.Where(d => d.Id == rule).ToImmutableArray();
            if (!relevant.IsEmpty)
            {
                byDocument.Add((document, relevant));
            }
        }

        if (key.EndsWith(CredentialsCodeFixProvider.StsSuffix, System.StringComparison.Ordinal))
        {
            return CodeAction.Create("Fix all: " + key, ct => CredentialsCodeFixProvider.StsAsync(fixAllContext.Solution, byDocument.SelectMany(p => p.Diagnostics.Select(d => (p.Document, d))), ct), key);
        }

        return CodeAction.Create(
            "Fix all: " + key,
            async ct =>
            {
                var solution = fixAllContext.Solution;
                foreach (var (document, diagnostics) in byDocument)
                {
                    var changed = await CredentialsCodeFixProvider.DefaultChainAsync(document, diagnostics, ct).ConfigureAwait(false);
                    if (changed is not null)
                    {
                        solution = solution.WithDocumentSyntaxRoot(document.Id, (await changed.GetSyntaxRootAsync(ct).ConfigureAwait(false))!);
                    }
                }

                return solution;
            },
            key);
    }
}
