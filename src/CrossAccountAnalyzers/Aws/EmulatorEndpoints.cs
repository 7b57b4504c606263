using System;

namespace CrossAccountAnalyzers.Aws;

/// <summary>Local emulator endpoints (LocalStack, DynamoDB Local, MinIO on loopback): credentials aimed at them are not secrets.</summary>
internal static class EmulatorEndpoints
{
    private static readonly char[] PathStart = { '/', '?', '#' };

    /// <summary>True when <paramref name="url"/> targets loopback, <c>host.docker.internal</c> or a LocalStack host.</summary>
    public static bool IsEmulator(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        var host = url!.Trim();
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host.Substring(scheme + 3);
        }

        var at = host.IndexOf('@');
        var slash = host.IndexOfAny(PathStart);
        if (slash >= 0)
        {
            host = host.Substring(0, slash);
        }

        if (at >= 0 && (slash < 0 || at < slash))
        {
            host = host.Substring(host.IndexOf('@') + 1);
        }

        if (host.StartsWith("[", StringComparison.Ordinal))
        {
            var close = host.IndexOf(']');
            host = close > 0 ? host.Substring(1, close - 1) : host;
        }
        else
        {
            var colon = host.IndexOf(':');
            if (colon >= 0)
            {
                host = host.Substring(0, colon);
            }
        }

        host = host.TrimEnd('.').ToLowerInvariant();
        if (host is "localhost" or "::1" or "host.docker.internal" or "localstack" || host.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return true;
        }

        if (host.StartsWith("127.", StringComparison.Ordinal) && IsIPv4(host))
        {
            return true;
        }

        // localstack, localstack-main, s3.localhost.localstack.cloud, ...
        foreach (var label in host.Split('.'))
        {
            if (label == "localstack" || label.StartsWith("localstack-", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="prefix"/>, the constant start of a URL built at run time (<c>$"http://localhost:{port}"</c>),
    /// already names the whole host and that host is an emulator: a scheme, then a host ended by a port, path or query.
    /// </summary>
    public static bool IsEmulatorPrefix(string prefix)
    {
        var scheme = prefix.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return false;
        }

        // user:password@host: the host starts after the user information.
        var rest = prefix.Substring(scheme + 3);
        rest = rest.Substring(rest.LastIndexOf('@') + 1);

        var hostEnd = rest.StartsWith("[", StringComparison.Ordinal) ? rest.IndexOf(']') : rest.IndexOfAny(HostEnd);
        return hostEnd > 0 && IsEmulator(prefix);
    }

    private static readonly char[] HostEnd = { ':', '/', '?', '#' };

    private static bool IsIPv4(string host)
    {
        var parts = host.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (!byte.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                return false;
            }
        }

        return true;
    }
}
