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

    public static readonly DiagnosticDescriptor CXA2001_HardCodedClientCredentials = Create(
        DiagnosticIds.HardCodedClientCredentials,
        title: "Hard-coded credentials in an AWS client constructor",
        messageFormat: "{0} is given hard-coded AWS credentials{1}: use the default credential chain or temporary STS credentials",
        description: "Access keys written into code leak through source control, build logs and decompiled binaries, and they never expire. Let the client use the default credential chain (instance or task role, SSO, environment) or temporary credentials from STS.",
        DiagnosticSeverity.Warning,
        cwe: "CWE-798");

    public static readonly DiagnosticDescriptor CXA2002_HardCodedCredentialsObject = Create(
        DiagnosticIds.HardCodedCredentialsObject,
        title: "Hard-coded credentials in a credentials object",
        messageFormat: "{0} holds hard-coded AWS credentials{1}: use the default credential chain or temporary STS credentials",
        description: "A credentials object or credential profile built from keys written into code leaks them through source control, build logs and decompiled binaries. Use the default credential chain or temporary credentials from STS.",
        DiagnosticSeverity.Warning,
        cwe: "CWE-798");

    public static readonly DiagnosticDescriptor CXA2003_AccessKeyIdInSource = Create(
        DiagnosticIds.AccessKeyIdInSource,
        title: "AWS access key ID in source",
        messageFormat: "AWS access key ID {0} is written in source{1}: remove it, rotate the key and load credentials from the default chain",
        description: "An access key ID in source code or configuration files is half of a credential and tells an attacker which account to target. Where the secret is nearby, the account is open.",
        DiagnosticSeverity.Warning,
        cwe: "CWE-798");

    public static readonly DiagnosticDescriptor CXA2004_CredentialsInEnvironment = Create(
        DiagnosticIds.CredentialsInEnvironment,
        title: "Credentials put into AWS environment variables",
        messageFormat: "A hard-coded value{1} is put into the environment variable {0}: the credentials are still in code",
        description: "Setting AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN from code to a constant only moves hard-coded credentials into the process environment, where every child process and crash dump can read them.",
        DiagnosticSeverity.Warning,
        cwe: "CWE-798");

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string description, DiagnosticSeverity severity, string? cwe, bool enabledByDefault = true)
    {
        var tags = cwe is null ? new[] { "Security" } : new[] { "Security", cwe };
        return new DiagnosticDescriptor(id, title, messageFormat, Category, severity, enabledByDefault, description, HelpLink(id), tags);
    }
}
