using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers.Engine;

/// <summary>The package's options, read per syntax tree from <c>.editorconfig</c> or <c>.globalconfig</c>.</summary>
internal static class CxaOptions
{
    public const string TrustedAccountIdsKey = "cxa_trusted_account_ids";
    public const string DummyCredentialsKey = "cxa_dummy_credentials";
    public const string ExternalIdEnvironmentVariableKey = "cxa_external_id_environment_variable";

    public const string DefaultExternalIdEnvironmentVariable = "AWS_EXTERNAL_ID";

    private static readonly char[] Separators = { ',', ';', ' ', '\t' };

    /// <summary>The account IDs listed in <c>cxa_trusted_account_ids</c> for <paramref name="tree"/> (only well-formed 12-digit IDs).</summary>
    public static ImmutableHashSet<string> GetTrustedAccountIds(AnalyzerOptions options, SyntaxTree tree)
    {
        if (!TryGetValue(options.AnalyzerConfigOptionsProvider, tree, TrustedAccountIdsKey, out var raw))
        {
            return ImmutableHashSet<string>.Empty;
        }

        var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var part in raw.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var id = part.Trim();
            if (Aws.AwsArn.IsAccountId(id))
            {
                builder.Add(id);
            }
        }

        return builder.ToImmutable();
    }

    public static readonly ImmutableArray<string> DefaultDummyCredentials = ImmutableArray.Create("test", "dummy", "fake", "local", "localstack", "minioadmin");

    /// <summary>The well-known dummy credential words (<c>cxa_dummy_credentials</c>), lower-cased.</summary>
    public static ImmutableArray<string> GetDummyCredentials(AnalyzerOptions options, SyntaxTree tree)
    {
        if (!TryGetValue(options.AnalyzerConfigOptionsProvider, tree, DummyCredentialsKey, out var raw))
        {
            return DefaultDummyCredentials;
        }

        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var part in raw.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = part.Trim().ToLowerInvariant();
            if (word.Length > 0)
            {
                builder.Add(word);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>True when <paramref name="value"/> is one of the dummy words, or starts with one (<c>FakeAccessKey</c>), ignoring case.</summary>
    public static bool IsDummyCredential(string value, ImmutableArray<string> dummies)
    {
        var trimmed = value.Trim();
        foreach (var dummy in dummies)
        {
            if (trimmed.StartsWith(dummy, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The environment variable the fixes read an ExternalId from (<c>cxa_external_id_environment_variable</c>).</summary>
    public static string GetExternalIdEnvironmentVariable(AnalyzerConfigOptionsProvider provider, SyntaxTree tree)
    {
        if (TryGetValue(provider, tree, ExternalIdEnvironmentVariableKey, out var raw))
        {
            var name = raw.Trim();
            if (name.Length > 0 && IsEnvironmentVariableName(name))
            {
                return name;
            }
        }

        return DefaultExternalIdEnvironmentVariable;
    }

    private static bool TryGetValue(AnalyzerConfigOptionsProvider provider, SyntaxTree tree, string key, out string value)
    {
        if (provider.GetOptions(tree).TryGetValue(key, out var v) || provider.GlobalOptions.TryGetValue(key, out v))
        {
            value = v;
            return true;
        }

        value = string.Empty;
        return false;
    }

    private static bool IsEnvironmentVariableName(string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_' || c == '.' || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}
