using System;

namespace CrossAccountAnalyzers.Aws;

/// <summary>Small, allocation-light helpers for ARNs and account IDs.</summary>
internal static class AwsArn
{
    private static readonly char[] Colon = { ':' };

    /// <summary>
    /// The 12-digit account of an ARN such as <c>arn:aws:iam::123456789012:role/Name</c> (any partition), or null.
    /// </summary>
    public static string? TryGetAccountId(string? arn)
    {
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        // arn:partition:service:region:account:resource
        var parts = arn.Split(Colon, 6);
        if (parts.Length < 6)
        {
            return null;
        }

        return IsAccountId(parts[4]) ? parts[4] : null;
    }

    /// <summary>True for exactly twelve ASCII digits.</summary>
    public static bool IsAccountId(string? value)
    {
        if (value is null || value.Length != 12)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }
}
