namespace CrossAccountAnalyzers;

/// <summary>Every rule ID of the package, in one place. IDs are stable once shipped.</summary>
public static class DiagnosticIds
{
    /// <summary>AssumeRole without an ExternalId (confused deputy).</summary>
    public const string AssumeRoleWithoutExternalId = "CXA1001";
}
