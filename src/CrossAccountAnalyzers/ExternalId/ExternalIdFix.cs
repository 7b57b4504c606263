namespace CrossAccountAnalyzers.ExternalId;

/// <summary>How a fix supplies an ExternalId for a diagnostic; passed to fixers through <c>Diagnostic.Properties</c>.</summary>
internal enum ExternalIdFixKind
{
    /// <summary>Add <c>ExternalId = value</c> to the object creation in AdditionalLocations[0] (or replace the empty values in AdditionalLocations[1..]).</summary>
    Initializer,

    /// <summary>Add a <c>new AssumeRoleAWSCredentialsOptions { ExternalId = value }</c> argument to the creation in AdditionalLocations[0].</summary>
    AddOptionsArgument,

    /// <summary>Replace the <c>null</c> options argument in AdditionalLocations[0] with new options that carry the ExternalId.</summary>
    ReplaceOptionsArgument,

    /// <summary>Replace the value expression in AdditionalLocations[0] (a constant ExternalId) with the new value.</summary>
    ReplaceValue,

    /// <summary>Add <c>ExternalIds = new[] { value }</c> to the CDK <c>RoleProps</c> creation in AdditionalLocations[0] (or replace an empty one).</summary>
    ExternalIdsArray,

    /// <summary>
    /// Add an <c>sts:ExternalId</c> condition to statement <see cref="ExternalIdFix.JsonStatementProperty"/> of the JSON
    /// policy string in AdditionalLocations[0]: a placeholder in a constant, a value from code in a policy built in code.
    /// </summary>
    JsonCondition,

    /// <summary>
    /// Add <c>Conditions = new Dictionary&lt;string, object&gt; { ["StringEquals"] = ... { ["sts:ExternalId"] = value } }</c>
    /// to the CDK <c>PolicyStatementProps</c> creation in AdditionalLocations[0].
    /// </summary>
    StatementConditions,

    /// <summary>
    /// Insert <c>stmt.AddCondition("StringEquals", new Dictionary&lt;string, object&gt; { ["sts:ExternalId"] = value })</c>
    /// after the declaration of the CDK <c>PolicyStatement</c> local in AdditionalLocations[0].
    /// </summary>
    StatementAddCondition,
}

internal static class ExternalIdFix
{
    public const string FixKindProperty = "CxaExternalIdFix";

    /// <summary>The index of the JSON statement that needs the condition.</summary>
    public const string JsonStatementProperty = "CxaJsonStatement";

    /// <summary>"true" when the JSON policy is built in code (a value from code can be spliced in).</summary>
    public const string JsonBuiltInCodeProperty = "CxaJsonBuiltInCode";
}
