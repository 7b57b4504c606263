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

/// <summary>Which part of a credential a value is.</summary>
internal enum CredentialRole
{
    AccessKeyId,
    SecretAccessKey,
    SessionToken,
}

/// <summary>Where credentials go into the AWS SDK.</summary>
internal enum CredentialSinkKind
{
    /// <summary>An <c>AmazonServiceClient</c>-derived client or <c>TransferUtility</c> constructor (CXA2001).</summary>
    Client,

    /// <summary><c>BasicAWSCredentials</c>, <c>SessionAWSCredentials</c>, <c>ImmutableCredentials</c>, STS <c>Credentials</c> (CXA2002).</summary>
    CredentialsObject,

    /// <summary><c>ProfileManager.RegisterProfile</c>, <c>AWSCredentialsProfile.Persist</c> (v3 only; CXA2002).</summary>
    ProfileRegistration,

    /// <summary>An assignment to <c>CredentialProfileOptions.AccessKey/SecretKey/Token</c> (CXA2002).</summary>
    ProfileOptions,
}

/// <summary>One credential value that goes into a sink.</summary>
internal readonly struct CredentialValue
{
    public CredentialValue(CredentialRole role, IOperation value)
    {
        Role = role;
        Value = value;
    }

    public CredentialRole Role { get; }

    public IOperation Value { get; }
}

/// <summary>A place where credentials enter the AWS SDK, with the values given to it.</summary>
internal sealed class CredentialSink
{
    public CredentialSink(CredentialSinkKind kind, IOperation operation, ITypeSymbol type, ImmutableArray<CredentialValue> values, IOperation? config)
    {
        Kind = kind;
        Operation = operation;
        Type = type;
        Values = values;
        Config = config;
    }

    public CredentialSinkKind Kind { get; }

    /// <summary>The creation, invocation or assignment.</summary>
    public IOperation Operation { get; }

    /// <summary>The client or credentials type, for messages.</summary>
    public ITypeSymbol Type { get; }

    public ImmutableArray<CredentialValue> Values { get; }

    /// <summary>The client's config argument, if any.</summary>
    public IOperation? Config { get; }

    /// <summary>
    /// Binds credential parameters by name and type, never by position: <c>awsAccessKeyId</c>, <c>awsSecretAccessKey</c>
    /// and <c>awsSessionToken</c> on clients; <c>accessKey(Id)</c>, <c>secretKey</c>/<c>secretAccessKey</c> and
    /// <c>token</c>/<c>sessionToken</c> on the credential types.
    /// </summary>
    public static CredentialRole? RoleOf(IParameterSymbol? parameter, bool client)
    {
        if (parameter is null || parameter.Type.SpecialType != SpecialType.System_String)
        {
            return null;
        }

        return parameter.Name switch
        {
            "awsAccessKeyId" => CredentialRole.AccessKeyId,
            "awsSecretAccessKey" => CredentialRole.SecretAccessKey,
            "awsSessionToken" => CredentialRole.SessionToken,
            "accessKey" or "accessKeyId" when !client => CredentialRole.AccessKeyId,
            "secretKey" or "secretAccessKey" when !client => CredentialRole.SecretAccessKey,
            "token" or "sessionToken" when !client => CredentialRole.SessionToken,
            _ => null,
        };
    }

    public static CredentialSink? FromCreation(IObjectCreationOperation creation, AwsTypes types)
    {
        var type = creation.Type;
        bool client;
        if (types.IsClient(type))
        {
            client = true;
        }
        else if (types.IsCredentialsObject(type))
        {
            client = false;
        }
        else
        {
            return null;
        }

        var values = ImmutableArray.CreateBuilder<CredentialValue>();
        IOperation? config = null;
        foreach (var argument in creation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            if (RoleOf(argument.Parameter, client) is { } role)
            {
                values.Add(new CredentialValue(role, argument.Value));
            }
            else if (client && AwsTypes.InheritsFromOrEquals(argument.Parameter?.Type, types.ClientConfig))
            {
                config = argument.Value;
            }
        }

        return values.Count == 0 ? null : new CredentialSink(client ? CredentialSinkKind.Client : CredentialSinkKind.CredentialsObject, creation, type!, values.ToImmutable(), config);
    }

    public static CredentialSink? FromInvocation(IInvocationOperation invocation, AwsTypes types)
    {
        var method = invocation.TargetMethod;
        var isRegistration = (method.Name == "RegisterProfile" && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.ProfileManager))
            || (method.Name == "Persist" && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.AWSCredentialsProfile));
        if (!isRegistration)
        {
            return null;
        }

        var values = ImmutableArray.CreateBuilder<CredentialValue>();
        foreach (var argument in invocation.Arguments)
        {
            if (RoleOf(argument.Parameter, client: false) is { } role)
            {
                values.Add(new CredentialValue(role, argument.Value));
            }
        }

        return values.Count == 0 ? null : new CredentialSink(CredentialSinkKind.ProfileRegistration, invocation, method.ContainingType, values.ToImmutable(), null);
    }

    /// <summary><c>AccessKey = "..."</c> on a <c>CredentialProfileOptions</c>, in an initializer or a later assignment.</summary>
    public static CredentialSink? FromAssignment(ISimpleAssignmentOperation assignment, AwsTypes types)
    {
        if (assignment.Target is not IPropertyReferenceOperation property
            || !SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, types.CredentialProfileOptions))
        {
            return null;
        }

        CredentialRole? role = property.Property.Name switch
        {
            "AccessKey" => CredentialRole.AccessKeyId,
            "SecretKey" => CredentialRole.SecretAccessKey,
            "Token" => CredentialRole.SessionToken,
            _ => null,
        };
        return role is null
            ? null
            : new CredentialSink(CredentialSinkKind.ProfileOptions, assignment, property.Property.ContainingType, ImmutableArray.Create(new CredentialValue(role.Value, assignment.Value)), null);
    }
}

/// <summary>The verdict on one sink: whether it holds hard-coded credentials that are not dummies and not aimed at an emulator.</summary>
internal readonly struct CredentialVerdict
{
    public CredentialVerdict(bool report, string? keyId)
    {
        Report = report;
        KeyId = keyId;
    }

    public bool Report { get; }

    /// <summary>The hard-coded access key ID when it is one (for the masked message), else null.</summary>
    public string? KeyId { get; }
}

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

    /// <summary>True when a hard-coded value (a known string) is a dummy or empty: used by CXA2004.</summary>
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
