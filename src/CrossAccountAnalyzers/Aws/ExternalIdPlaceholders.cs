using System;

namespace CrossAccountAnalyzers.Aws;

/// <summary>
/// The values that documentation, templates and samples write where an ExternalId belongs (CXA1005). Anyone who has
/// read the same page can send them. Compared case-insensitively, after trimming white space. The list is repeated in
/// docs/rules/CXA1005.md: keep the two in step.
/// </summary>
internal static class ExternalIdPlaceholders
{
    public static readonly string[] Values =
    {
        "SUPPLY-ME",
        "SUPPLY_ME",
        "REPLACE_ME",
        "REPLACE-ME",
        "REPLACEME",
        "CHANGE_ME",
        "CHANGE-ME",
        "CHANGEME",
        "<external-id>",
        "<external_id>",
        "<externalid>",
        "<your-external-id>",
        "your-external-id",
        "your_external_id",
        "yourexternalid",
        "external-id",
        "external_id",
        "externalid",
        "my-external-id",
        "example-external-id",
        "TODO",
        "xxx",
        "xxxx",
        "placeholder",
    };

    /// <summary>True when <paramref name="value"/> is one of <see cref="Values"/>, compared case-insensitively.</summary>
    public static bool IsPlaceholder(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var trimmed = value.Trim();
        foreach (var placeholder in Values)
        {
            if (string.Equals(trimmed, placeholder, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
