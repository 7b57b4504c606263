using System.Collections.Immutable;
using System.Linq;
using CrossAccountAnalyzers.Aws;
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

    /// <summary>
    /// A client or credentials object whose overload resolution failed (<see cref="UnresolvedCreation"/>): a value is a
    /// key where every fitting constructor takes a key of that part there. Null when the part that decides the verdict
    /// is not known: an argument that does not bind and may be the client's config (which may aim at an emulator), or
    /// a position whose part differs between the fitting constructors.
    /// </summary>
    public static CredentialSink? FromUnresolvedCreation(UnresolvedCreation creation, AwsTypes types)
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
        for (var i = 0; i < creation.Arguments.Length; i++)
        {
            var argument = creation.Arguments[i];
            var parameters = creation.ParametersAt(i).ToList();
            var roles = parameters.Select(p => RoleOf(p, client)).Distinct().ToList();
            if (client && UnresolvedCreation.IsUnbound(argument) && parameters.Any(p => AwsTypes.InheritsFromOrEquals(p.Type, types.ClientConfig)))
            {
                // May be a config whose ServiceURL is an emulator's.
                return null;
            }

            if (roles.Count != 1)
            {
                if (!UnresolvedCreation.IsUnbound(argument) && roles.Any(r => r is not null))
                {
                    // A known value that is a key in one constructor and not in another: which it is, is not known.
                    return null;
                }

                continue;
            }

            if (roles[0] is { } role && argument is not null)
            {
                values.Add(new CredentialValue(role, argument));
            }
        }

        // A config argument that binds: the client's config for the emulator check.
        IOperation? config = null;
        if (client)
        {
            for (var i = 0; i < creation.Arguments.Length && config is null; i++)
            {
                if (creation.Arguments[i] is { } argument && !UnresolvedCreation.IsUnbound(argument)
                    && AwsTypes.InheritsFromOrEquals(argument.Type, types.ClientConfig))
                {
                    config = argument;
                }
            }
        }

        return values.Count == 0 ? null : new CredentialSink(client ? CredentialSinkKind.Client : CredentialSinkKind.CredentialsObject, creation.Operation, type, values.ToImmutable(), config);
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
