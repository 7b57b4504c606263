using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.Aws;

/// <summary>Which major version of the AWS SDK for .NET a compilation references.</summary>
public enum AwsSdkVersion
{
    None = 0,
    V3 = 3,
    V4 = 4,
}

/// <summary>
/// What the package knows about AWS types, resolved once per compilation and shared by every rule and fixer.
/// No rule calls <see cref="Compilation.GetTypeByMetadataName(string)"/> itself.
/// </summary>
public sealed class AwsTypes
{
    public const string AssumeRoleRequestName = "Amazon.SecurityToken.Model.AssumeRoleRequest";
    public const string AssumeRoleAWSCredentialsName = "Amazon.Runtime.AssumeRoleAWSCredentials";
    public const string AssumeRoleAWSCredentialsOptionsName = "Amazon.Runtime.AssumeRoleAWSCredentialsOptions";
    public const string AWSOptionsName = "Amazon.Extensions.NETCore.Setup.AWSOptions";
    public const string AmazonServiceClientName = "Amazon.Runtime.AmazonServiceClient";
    public const string AWSCredentialsName = "Amazon.Runtime.AWSCredentials";
    public const string DefaultAWSCredentialsIdentityResolverName = "Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver";
    public const string FallbackCredentialsFactoryName = "Amazon.Runtime.FallbackCredentialsFactory";
    public const string IConfigurationName = "Microsoft.Extensions.Configuration.IConfiguration";
    public const string ClientConfigName = "Amazon.Runtime.ClientConfig";
    public const string TransferUtilityName = "Amazon.S3.Transfer.TransferUtility";
    public const string BasicAWSCredentialsName = "Amazon.Runtime.BasicAWSCredentials";
    public const string SessionAWSCredentialsName = "Amazon.Runtime.SessionAWSCredentials";
    public const string ImmutableCredentialsName = "Amazon.Runtime.ImmutableCredentials";
    public const string StsCredentialsName = "Amazon.SecurityToken.Model.Credentials";
    public const string CredentialProfileOptionsName = "Amazon.Runtime.CredentialManagement.CredentialProfileOptions";
    public const string ProfileManagerName = "Amazon.Util.ProfileManager";
    public const string AWSCredentialsProfileName = "Amazon.Util.AWSCredentialsProfile";

    public const string ExternalIdProperty = "ExternalId";
    public const string RoleArnProperty = "RoleArn";
    public const string SessionRoleArnProperty = "SessionRoleArn";

    private static readonly ConditionalWeakTable<Compilation, AwsTypes> Cache = new();

    private AwsTypes(Compilation compilation)
    {
        // GetTypeByMetadataName searches every referenced assembly (and builds their type tables on first use): skip it
        // all when no AWS assembly is referenced, so that the rest of the world pays nothing.
        if (!ReferencesAws(compilation))
        {
            return;
        }

        AssumeRoleRequest = compilation.GetTypeByMetadataName(AssumeRoleRequestName);
        AssumeRoleAWSCredentials = compilation.GetTypeByMetadataName(AssumeRoleAWSCredentialsName);
        AssumeRoleAWSCredentialsOptions = compilation.GetTypeByMetadataName(AssumeRoleAWSCredentialsOptionsName);
        AWSOptions = compilation.GetTypeByMetadataName(AWSOptionsName);
        AmazonServiceClient = compilation.GetTypeByMetadataName(AmazonServiceClientName);
        AWSCredentials = compilation.GetTypeByMetadataName(AWSCredentialsName);
        DefaultAWSCredentialsIdentityResolver = compilation.GetTypeByMetadataName(DefaultAWSCredentialsIdentityResolverName);
        FallbackCredentialsFactory = compilation.GetTypeByMetadataName(FallbackCredentialsFactoryName);
        IConfiguration = compilation.GetTypeByMetadataName(IConfigurationName);
        ClientConfig = compilation.GetTypeByMetadataName(ClientConfigName);
        TransferUtility = compilation.GetTypeByMetadataName(TransferUtilityName);
        BasicAWSCredentials = compilation.GetTypeByMetadataName(BasicAWSCredentialsName);
        SessionAWSCredentials = compilation.GetTypeByMetadataName(SessionAWSCredentialsName);
        ImmutableCredentials = compilation.GetTypeByMetadataName(ImmutableCredentialsName);
        StsCredentials = compilation.GetTypeByMetadataName(StsCredentialsName);
        CredentialProfileOptions = compilation.GetTypeByMetadataName(CredentialProfileOptionsName);
        ProfileManager = compilation.GetTypeByMetadataName(ProfileManagerName);
        AWSCredentialsProfile = compilation.GetTypeByMetadataName(AWSCredentialsProfileName);
        Environment = compilation.GetTypeByMetadataName("System.Environment");
        CdkRole = compilation.GetTypeByMetadataName(CdkIam + "Role");
        CdkRoleProps = compilation.GetTypeByMetadataName(CdkIam + "RoleProps");
        CdkStack = compilation.GetTypeByMetadataName("Amazon.CDK.Stack");
        CdkAws = compilation.GetTypeByMetadataName("Amazon.CDK.Aws");
        CdkPrincipalBase = compilation.GetTypeByMetadataName(CdkIam + "PrincipalBase");

        SdkVersion = DefaultAWSCredentialsIdentityResolver is not null ? AwsSdkVersion.V4
            : AmazonServiceClient is not null || AWSCredentials is not null ? AwsSdkVersion.V3
            : AwsSdkVersion.None;
    }

    private static bool ReferencesAws(Compilation compilation)
    {
        if (IsAwsAssemblyName(compilation.AssemblyName))
        {
            return true;
        }

        foreach (var identity in compilation.ReferencedAssemblyNames)
        {
            if (IsAwsAssemblyName(identity.Name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAwsAssemblyName(string? name)
        => name is not null && (name.StartsWith("AWSSDK.", System.StringComparison.Ordinal) || name.StartsWith("Amazon.CDK", System.StringComparison.Ordinal));

    /// <summary>The shared instance for <paramref name="compilation"/>; types are resolved on first use only.</summary>
    public static AwsTypes Get(Compilation compilation) => Cache.GetValue(compilation, static c => new AwsTypes(c));

    public AwsSdkVersion SdkVersion { get; }

    public INamedTypeSymbol? AssumeRoleRequest { get; }
    public INamedTypeSymbol? AssumeRoleAWSCredentials { get; }
    public INamedTypeSymbol? AssumeRoleAWSCredentialsOptions { get; }
    public INamedTypeSymbol? AWSOptions { get; }
    public INamedTypeSymbol? AmazonServiceClient { get; }
    public INamedTypeSymbol? AWSCredentials { get; }
    public INamedTypeSymbol? DefaultAWSCredentialsIdentityResolver { get; }
    public INamedTypeSymbol? FallbackCredentialsFactory { get; }
    public INamedTypeSymbol? IConfiguration { get; }
    public INamedTypeSymbol? ClientConfig { get; }
    public INamedTypeSymbol? TransferUtility { get; }
    public INamedTypeSymbol? BasicAWSCredentials { get; }
    public INamedTypeSymbol? SessionAWSCredentials { get; }
    public INamedTypeSymbol? ImmutableCredentials { get; }
    public INamedTypeSymbol? StsCredentials { get; }
    public INamedTypeSymbol? CredentialProfileOptions { get; }
    public INamedTypeSymbol? ProfileManager { get; }
    public INamedTypeSymbol? AWSCredentialsProfile { get; }
    public INamedTypeSymbol? Environment { get; }

    public const string CdkIam = "Amazon.CDK.AWS.IAM.";
    public INamedTypeSymbol? CdkRole { get; }
    public INamedTypeSymbol? CdkRoleProps { get; }
    public INamedTypeSymbol? CdkStack { get; }
    public INamedTypeSymbol? CdkAws { get; }
    public INamedTypeSymbol? CdkPrincipalBase { get; }

    /// <summary>True when AWS CDK v2's IAM constructs are referenced.</summary>
    public bool HasCdk => CdkRole is not null && CdkRoleProps is not null;

    /// <summary>True when the AWS SDK's core runtime is referenced (the credential rules apply).</summary>
    public bool HasCore => AmazonServiceClient is not null || AWSCredentials is not null;

    /// <summary>An <c>AmazonServiceClient</c>-derived client, or <c>TransferUtility</c>: CXA2001 sinks.</summary>
    public bool IsClient(ITypeSymbol? type)
        => (AmazonServiceClient is not null && InheritsFromOrEquals(type, AmazonServiceClient) && !SymbolEqualityComparer.Default.Equals(type, AmazonServiceClient))
           || (TransferUtility is not null && InheritsFromOrEquals(type, TransferUtility));

    /// <summary>A credential type that takes keys: CXA2002 sinks.</summary>
    public bool IsCredentialsObject(ITypeSymbol? type)
        => InheritsFromOrEquals(type, BasicAWSCredentials) || InheritsFromOrEquals(type, SessionAWSCredentials)
           || InheritsFromOrEquals(type, ImmutableCredentials) || InheritsFromOrEquals(type, StsCredentials);

    /// <summary>True when any type that carries an ExternalId (a CXA1001 sink) is referenced.</summary>
    public bool HasAssumeRoleSinks => AssumeRoleRequest is not null || AssumeRoleAWSCredentials is not null || AWSOptions is not null;

    /// <summary>True for the types whose <c>ExternalId</c> property is an ExternalId sink.</summary>
    public bool IsExternalIdCarrier(ITypeSymbol? type)
        => type is not null
           && (SymbolEqualityComparer.Default.Equals(type, AssumeRoleRequest)
               || SymbolEqualityComparer.Default.Equals(type, AssumeRoleAWSCredentialsOptions)
               || SymbolEqualityComparer.Default.Equals(type, AWSOptions));

    /// <summary>True when <paramref name="symbol"/> is declared in an assembly of the AWS SDK for .NET.</summary>
    public static bool IsFromAwsSdk(ISymbol? symbol)
    {
        var name = symbol?.ContainingAssembly?.Name;
        return name is not null && name.StartsWith("AWSSDK.", System.StringComparison.Ordinal);
    }

    /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
    public static bool InheritsFromOrEquals(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
