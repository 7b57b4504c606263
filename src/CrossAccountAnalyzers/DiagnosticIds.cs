namespace CrossAccountAnalyzers;

/// <summary>Every rule ID of the package, in one place. IDs are stable once shipped.</summary>
public static class DiagnosticIds
{
    /// <summary>AssumeRole without an ExternalId (confused deputy).</summary>
    public const string AssumeRoleWithoutExternalId = "CXA1001";

    /// <summary>Hard-coded credentials in an AWS client constructor.</summary>
    public const string HardCodedClientCredentials = "CXA2001";

    /// <summary>Hard-coded credentials in a credentials object.</summary>
    public const string HardCodedCredentialsObject = "CXA2002";

    /// <summary>AWS access key ID in source.</summary>
    public const string AccessKeyIdInSource = "CXA2003";

    /// <summary>Credentials put into AWS environment variables.</summary>
    public const string CredentialsInEnvironment = "CXA2004";
}
