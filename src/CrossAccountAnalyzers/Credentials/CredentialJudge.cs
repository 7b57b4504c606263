using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using CrossAccountAnalyzers.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.Credentials;

/// <summary>Judges credential sinks: hard-coded values, dummy words, emulator endpoints (the shared logic of CXA2001-CXA2004).</summary>
internal static class CredentialJudge
{
    private static readonly ImmutableArray<string> ServiceUrlProperty = ImmutableArray.Create("ServiceURL");

    public static CredentialVerdict Judge(CredentialSink sink, AwsTypes types, HardCodedValueEvaluator evaluator, ImmutableArray<string> dummies, CancellationToken cancellationToken)
    {
        var hardCoded = new List<string>();
        string? keyId = null;
        foreach (var value in sink.Values)
        {
            var values = evaluator.Evaluate(value.Value, cancellationToken);
            if (!values.IsKnown || values.IsNullOrWhiteSpaceOnly)
            {
                continue;
            }

            foreach (var v in values.Values)
            {
                if (!string.IsNullOrWhiteSpace(v))
                {
                    hardCoded.Add(v!);
                    if (value.Role == CredentialRole.AccessKeyId && AccessKeyId.IsKeyId(v!.Trim()))
                    {
                        keyId ??= v.Trim();
                    }
                }
            }
        }

        if (hardCoded.Count == 0 || hardCoded.All(v => CxaOptions.IsDummyCredential(v, dummies)))
        {
            return default;
        }

        if (TargetsEmulator(sink, types, evaluator, cancellationToken))
        {
            return default;
        }

        return new CredentialVerdict(report: true, keyId);
    }

    /// <summary>
    /// CXA2004: true when <paramref name="value"/> is hard-coded and one of its possible values is neither blank nor a
    /// dummy; <paramref name="keyId"/> is the first such value that is an access key ID.
    /// </summary>
    public static bool IsHardCodedSecret(IOperation value, HardCodedValueEvaluator evaluator, ImmutableArray<string> dummies, CancellationToken cancellationToken, out string? keyId)
    {
        keyId = null;
        var values = evaluator.Evaluate(value, cancellationToken);
        if (!values.IsKnown || values.IsNullOrWhiteSpaceOnly)
        {
            return false;
        }

        var real = values.Values.Where(v => !string.IsNullOrWhiteSpace(v) && !CxaOptions.IsDummyCredential(v!, dummies)).ToArray();
        keyId = real.Select(v => v!.Trim()).FirstOrDefault(AccessKeyId.IsKeyId);
        return real.Length > 0;
    }

    /// <summary>The client (or the client the credentials object is handed to) talks to a local emulator.</summary>
    private static bool TargetsEmulator(CredentialSink sink, AwsTypes types, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        switch (sink.Kind)
        {
            case CredentialSinkKind.Client:
                return sink.Config is not null && ConfigTargetsEmulator(sink.Config, evaluator, cancellationToken);
            case CredentialSinkKind.CredentialsObject:
                foreach (var consumer in ConsumersOf(sink.Operation, cancellationToken))
                {
                    if (consumer is IObjectCreationOperation client && types.IsClient(client.Type))
                    {
                        var config = client.Arguments.FirstOrDefault(a => AwsTypes.InheritsFromOrEquals(a.Parameter?.Type, types.ClientConfig));
                        if (config is not null && ConfigTargetsEmulator(config.Value, evaluator, cancellationToken))
                        {
                            return true;
                        }
                    }
                    else if (consumer is IObjectCreationOperation { Initializer: { } initializer } options && SymbolEqualityComparer.Default.Equals(options.Type, types.AWSOptions))
                    {
                        // new AWSOptions { Credentials = ..., DefaultClientConfig = { ServiceURL = "http://localhost:4566" } }
                        foreach (var member in initializer.Initializers)
                        {
                            if (member is IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "DefaultClientConfig" }, Initializer: { } nested }
                                && nested.Initializers.OfType<ISimpleAssignmentOperation>().Any(a => a.Target is IPropertyReferenceOperation { Property.Name: "ServiceURL" } && MayBeEmulatorUrl(a.Value, evaluator, cancellationToken)))
                            {
                                return true;
                            }
                        }
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>The creations that receive the object made by <paramref name="creation"/>: directly, or through the local that holds it.</summary>
    private static IEnumerable<IOperation> ConsumersOf(IOperation creation, CancellationToken cancellationToken)
    {
        var current = creation;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        if (current.Parent is IArgumentOperation { Parent: { } consumer })
        {
            yield return consumer;
        }
        else if (current.Parent is ISimpleAssignmentOperation { Parent: IObjectOrCollectionInitializerOperation { Parent: { } owner } })
        {
            yield return owner;
        }
        else if (current.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            foreach (var op in HardCodedValueEvaluator.GetRoot(creation).Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (op is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol))
                {
                    var use = reference.Parent;
                    while (use is IConversionOperation)
                    {
                        use = use.Parent;
                    }

                    if (use is IArgumentOperation { Parent: { } receiver })
                    {
                        yield return receiver;
                    }
                    else if (use is ISimpleAssignmentOperation { Parent: IObjectOrCollectionInitializerOperation { Parent: { } holder } })
                    {
                        yield return holder;
                    }
                }
            }
        }
    }

    /// <summary>A config object (created inline, or in a local) whose ServiceURL may be a local emulator.</summary>
    public static bool ConfigTargetsEmulator(IOperation config, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        config = ObjectCreations.StripConversions(config);
        IObjectCreationOperation? creation = config as IObjectCreationOperation;
        var aliases = ImmutableArray<ILocalSymbol>.Empty;
        if (creation is null && config is ILocalReferenceOperation local)
        {
            creation = ObjectCreations.FindSingleCreationAssignedTo(local, cancellationToken);
            aliases = ImmutableArray.Create(local.Local);
        }

        if (creation is null)
        {
            return false;
        }

        var usage = CreatedObjectTracker.Analyze(creation, ServiceUrlProperty, aliases, cancellationToken);
        return usage.WritesTo("ServiceURL").Any(w => w.Value is not null && MayBeEmulatorUrl(w.Value, evaluator, cancellationToken));
    }

    /// <summary>
    /// True when some constant the URL can take is an emulator endpoint, including one arm of a ternary whose other
    /// arm reads the environment (<c>isLocal ? "http://localhost:4566" : Environment.GetEnvironmentVariable("S3_URL")</c>).
    /// </summary>
    public static bool MayBeEmulatorUrl(IOperation value, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var values = evaluator.Evaluate(value, cancellationToken);
        if (values.IsKnown)
        {
            return values.Values.Any(EmulatorEndpoints.IsEmulator);
        }

        return value switch
        {
            IConversionOperation conversion => MayBeEmulatorUrl(conversion.Operand, evaluator, cancellationToken),
            IConditionalOperation { WhenFalse: not null } conditional => MayBeEmulatorUrl(conditional.WhenTrue, evaluator, cancellationToken) || MayBeEmulatorUrl(conditional.WhenFalse, evaluator, cancellationToken),
            ICoalesceOperation coalesce => MayBeEmulatorUrl(coalesce.Value, evaluator, cancellationToken) || MayBeEmulatorUrl(coalesce.WhenNull, evaluator, cancellationToken),
            _ => false,
        };
    }
}
