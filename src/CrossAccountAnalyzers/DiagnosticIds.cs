namespace CrossAccountAnalyzers;

/// <summary>Every rule ID of the package, in one place. IDs are stable once shipped.</summary>
internal static class DiagnosticIds
{
    /// <summary>AssumeRole without an ExternalId (confused deputy).</summary>
    public const string AssumeRoleWithoutExternalId = "CXA1001";

    /// <summary>ExternalId is a constant.</summary>
    public const string ConstantExternalId = "CXA1002";

    /// <summary>ExternalId that STS will reject.</summary>
    public const string InvalidExternalId = "CXA1003";

    /// <summary>ExternalId chosen by the caller.</summary>
    public const string ExternalIdChosenByCaller = "CXA1004";

    /// <summary>ExternalId that others can guess.</summary>
    public const string GuessableExternalId = "CXA1005";

    /// <summary>Hard-coded credentials in an AWS client constructor.</summary>
    public const string HardCodedClientCredentials = "CXA2001";

    /// <summary>Hard-coded credentials in a credentials object.</summary>
    public const string HardCodedCredentialsObject = "CXA2002";

    /// <summary>AWS access key ID in source.</summary>
    public const string AccessKeyIdInSource = "CXA2003";

    /// <summary>Credentials put into AWS environment variables.</summary>
    public const string CredentialsInEnvironment = "CXA2004";

    /// <summary>Role trusts another account without an ExternalId.</summary>
    public const string RoleTrustsAccountWithoutExternalId = "CXA3001";

    /// <summary>Role trusts any principal.</summary>
    public const string RoleTrustsAnyPrincipal = "CXA3002";

    /// <summary>Service principal without a source condition.</summary>
    public const string ServicePrincipalWithoutSourceCondition = "CXA3003";

    /// <summary>Resource policy lets an AWS service act without a source condition.</summary>
    public const string ResourcePolicyServiceWithoutSourceCondition = "CXA3004";

    /// <summary>Resource policy allows any principal.</summary>
    public const string ResourcePolicyAllowsAnyPrincipal = "CXA3005";
}
