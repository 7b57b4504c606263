using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.Aws;

/// <summary>Which major version of the AWS SDK for .NET a compilation references.</summary>
internal enum AwsSdkVersion
{
    None = 0,
    V3 = 3,
    V4 = 4,
}

/// <summary>
/// What the package knows about AWS types, resolved once per compilation and shared by every rule and fixer.
/// No rule calls <c>Compilation.GetTypeByMetadataName</c> itself (src/BannedSymbols.txt).
/// </summary>
internal sealed class AwsTypes
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
        // Compilation.GetTypeByMetadataName searches every referenced assembly and builds the type table of each on
        // first use (150+ framework facades): look only in the assemblies that can define these types, and in none
        // when no AWS assembly is referenced, so that the rest of the world pays nothing.
        var candidates = CandidateAssemblies(compilation);
        if (candidates.Count == 0)
        {
            return;
        }

        INamedTypeSymbol? Find(string metadataName) => FindType(compilation, candidates, metadataName);

        AssumeRoleRequest = Find(AssumeRoleRequestName);
        AssumeRoleAWSCredentials = Find(AssumeRoleAWSCredentialsName);
        AssumeRoleAWSCredentialsOptions = Find(AssumeRoleAWSCredentialsOptionsName);
        AWSOptions = Find(AWSOptionsName);
        AmazonServiceClient = Find(AmazonServiceClientName);
        AWSCredentials = Find(AWSCredentialsName);
        DefaultAWSCredentialsIdentityResolver = Find(DefaultAWSCredentialsIdentityResolverName);
        FallbackCredentialsFactory = Find(FallbackCredentialsFactoryName);
        IConfiguration = Find(IConfigurationName);
        ClientConfig = Find(ClientConfigName);
        TransferUtility = Find(TransferUtilityName);
        BasicAWSCredentials = Find(BasicAWSCredentialsName);
        SessionAWSCredentials = Find(SessionAWSCredentialsName);
        ImmutableCredentials = Find(ImmutableCredentialsName);
        StsCredentials = Find(StsCredentialsName);
        CredentialProfileOptions = Find(CredentialProfileOptionsName);
        ProfileManager = Find(ProfileManagerName);
        AWSCredentialsProfile = Find(AWSCredentialsProfileName);
        Environment = CoreType(compilation, "System.Environment");
        GeneratedCodeAttribute = CoreType(compilation, "System.CodeDom.Compiler.GeneratedCodeAttribute");
        CdkRole = Find(CdkIam + "Role");
        CdkRoleProps = Find(CdkIam + "RoleProps");
        CdkStack = Find("Amazon.CDK.Stack");
        CdkAws = Find("Amazon.CDK.Aws");
        CdkPolicyStatement = Find(CdkIam + "PolicyStatement");
        CdkPolicyStatementProps = Find(CdkIam + "PolicyStatementProps");
        CdkLambdaPermission = Find(CdkLambda + "Permission");
        CdkCfnPermission = Find(CdkLambda + "CfnPermission");
        CdkCfnPermissionProps = Find(CdkLambda + "CfnPermissionProps");
        CdkPolicyDocument = Find(CdkIam + "PolicyDocument");
        CdkPolicyDocumentProps = Find(CdkIam + "PolicyDocumentProps");
        CdkEffect = Find(CdkIam + "Effect");
        CdkCfnRole = Find(CdkIam + "CfnRole");
        CdkCfnRoleProps = Find(CdkIam + "CfnRoleProps");

        SdkVersion = DefaultAWSCredentialsIdentityResolver is not null ? AwsSdkVersion.V4
            : AmazonServiceClient is not null || AWSCredentials is not null ? AwsSdkVersion.V3
            : AwsSdkVersion.None;
    }

    /// <summary>The source assembly when it is an AWS assembly, and every referenced AWS or configuration assembly; empty when no AWS assembly is referenced.</summary>
    private static List<IAssemblySymbol> CandidateAssemblies(Compilation compilation)
    {
        var result = new List<IAssemblySymbol>();
        var anyAws = IsAwsAssemblyName(compilation.AssemblyName);
        if (anyAws)
        {
            result.Add(compilation.Assembly);
        }

        foreach (var reference in compilation.References)
        {
            if (compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly)
            {
                var name = assembly.Identity.Name;
                if (IsAwsAssemblyName(name))
                {
                    anyAws = true;
                    result.Add(assembly);
                }
                else if (name.StartsWith("Microsoft.Extensions.Configuration", System.StringComparison.Ordinal))
                {
                    result.Add(assembly);
                }
            }
        }

        if (!anyAws)
        {
            result.Clear();
        }

        return result;
    }

    /// <summary>A type of the core library (where <c>object</c> is), else wherever the compilation finds it.</summary>
    private static INamedTypeSymbol? CoreType(Compilation compilation, string metadataName)
#pragma warning disable RS0030 // This is the type cache the banned-API rule points to.
        => compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly.GetTypeByMetadataName(metadataName) ?? compilation.GetTypeByMetadataName(metadataName);
#pragma warning restore RS0030

    /// <summary>The type in the first candidate assembly that defines it (public, or visible to the compilation).</summary>
    private static INamedTypeSymbol? FindType(Compilation compilation, List<IAssemblySymbol> candidates, string metadataName)
    {
        foreach (var assembly in candidates)
        {
            if (assembly.GetTypeByMetadataName(metadataName) is { } type
                && (SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly) || type.DeclaredAccessibility == Accessibility.Public))
            {
                return type;
            }
        }

        return null;
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

    public INamedTypeSymbol? GeneratedCodeAttribute { get; }

    public const string CdkIam = "Amazon.CDK.AWS.IAM.";
    public INamedTypeSymbol? CdkRole { get; }
    public INamedTypeSymbol? CdkRoleProps { get; }
    public INamedTypeSymbol? CdkStack { get; }
    public INamedTypeSymbol? CdkAws { get; }

    /// <summary>CDK <c>PolicyStatement</c>, its props, <c>PolicyDocument</c> and its props, the <c>Effect</c> enum (see TrustPolicies/CdkPolicyStatementReader).</summary>
    public INamedTypeSymbol? CdkPolicyStatement { get; }
    public INamedTypeSymbol? CdkPolicyStatementProps { get; }
    public INamedTypeSymbol? CdkPolicyDocument { get; }
    public INamedTypeSymbol? CdkPolicyDocumentProps { get; }
    public INamedTypeSymbol? CdkEffect { get; }

    /// <summary>CDK L1 <c>CfnRole</c> and <c>CfnRoleProps</c> (<c>AssumeRolePolicyDocument</c>).</summary>
    public INamedTypeSymbol? CdkCfnRole { get; }
    public INamedTypeSymbol? CdkCfnRoleProps { get; }

    // Lambda permissions (CXA3004, CXA3005).
    public const string CdkLambda = "Amazon.CDK.AWS.Lambda.";
    public INamedTypeSymbol? CdkLambdaPermission { get; }
    public INamedTypeSymbol? CdkCfnPermission { get; }
    public INamedTypeSymbol? CdkCfnPermissionProps { get; }

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
