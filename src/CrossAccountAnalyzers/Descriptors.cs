using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers;

/// <summary>The catalogue of every diagnostic descriptor. Built through one helper so that the help link, category and tags cannot drift.</summary>
internal static class Descriptors
{
    public const string Category = "Security";
    public const string HelpLinkBase = "https://github.com/crossaccountanalyzers/CrossAccountAnalyzers/blob/main/docs/rules/";

    public static string HelpLink(string id) => HelpLinkBase + id + ".md";

    public static readonly DiagnosticDescriptor CXA1001_AssumeRoleWithoutExternalId = Create(
        DiagnosticIds.AssumeRoleWithoutExternalId,
        title: "AssumeRole without an ExternalId",
        messageFormat: "{0} assumes a role without an ExternalId, which lets a confused deputy reach another customer's account",
        description: "A service that assumes roles in its customers' accounts must send an ExternalId that is unique per customer. Without it, the role can be assumed on the strength of its ARN alone, and anyone who can make the service act for them can reach another customer's account.",
        DiagnosticSeverity.Warning,
        cwe: "CWE-441");

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string description, DiagnosticSeverity severity, string? cwe, bool enabledByDefault = true)
    {
        var tags = cwe is null ? new[] { "Security" } : new[] { "Security", cwe };
        return new DiagnosticDescriptor(id, title, messageFormat, Category, severity, enabledByDefault, description, HelpLink(id), tags);
    }
}
