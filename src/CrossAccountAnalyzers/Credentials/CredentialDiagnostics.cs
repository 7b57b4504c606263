using System.Collections.Immutable;
using CrossAccountAnalyzers.Aws;
using CrossAccountAnalyzers.Engine;
using Microsoft.CodeAnalysis;

namespace CrossAccountAnalyzers.Credentials;

/// <summary>What CXA2001 and CXA2002 hand to their fixers, and the masked message part they share.</summary>
internal static class CredentialDiagnostics
{
    public const string SinkKindProperty = "CxaCredentialSink";

    /// <summary>" (access key ID AKIA************WXYZ)" or "": never more than a masked key ID.</summary>
    public static string KeyIdSuffix(string? keyId) => keyId is null ? string.Empty : " (access key ID " + AccessKeyId.Mask(keyId) + ")";

    public static Diagnostic Create(DiagnosticDescriptor descriptor, CredentialSink sink, CredentialVerdict verdict)
    {
        var syntax = sink.Operation.Syntax;
        var location = sink.Kind is CredentialSinkKind.Client or CredentialSinkKind.CredentialsObject
            ? CodeShapes.GetCreationHeadLocation(syntax)
            : syntax.GetLocation();
        var properties = ImmutableDictionary<string, string?>.Empty.Add(SinkKindProperty, sink.Kind.ToString());
        return Diagnostic.Create(descriptor, location, new[] { syntax.GetLocation() }, properties, sink.Type.Name, KeyIdSuffix(verdict.KeyId));
    }
}
