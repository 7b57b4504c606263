using System.Collections.Generic;
using System.Text;

namespace CrossAccountAnalyzers.Benchmarks;

/// <summary>Deterministic generated corpora: ordinary C#, and AWS code that every rule reports.</summary>
public static class Corpus
{
    /// <summary>
    /// Diagnostics each AWS class produces: CXA1001 1, CXA1002 2 ("shared-id" and ShortId), CXA1003 1, CXA1005 1
    /// ("REPLACE_ME", which CXA1002 then leaves alone), CXA2001 1, CXA2002 1, CXA2003 2 (KeyId and EnvLine; the split key
    /// in the client is no literal key), CXA2004 1, CXA3001 1, CXA3002 1, CXA3003 1 (enabled for the benchmark), CXA3004 1
    /// (QueuePolicy, JSON in a string constant), CXA3005 1 (the CDK PolicyStatement allowing AnyPrincipal). CXA1004 is not
    /// in the corpus: it needs ASP.NET Core references, which the benchmark does not load.
    /// </summary>
    public const int DiagnosticsPerAwsFile = 15;

    /// <summary>(a) with <paramref name="aws"/>: 5% of files hold AWS code; (b) without: all ordinary.</summary>
    public static List<(string Name, string Text)> Files(int count, bool aws, int linesPerFile = 200)
    {
        var files = new List<(string, string)>(count);
        for (var i = 0; i < count; i++)
        {
            var isAws = aws && i % 20 == 7;
            files.Add(($"File{i:D4}.cs", isAws ? AwsFile(i, linesPerFile) : OrdinaryFile(i, linesPerFile)));
        }

        return files;
    }

    /// <summary>(c) one file of about <paramref name="lines"/> lines, with a few AWS classes inside.</summary>
    public static string LargeFile(int lines, bool aws)
    {
        var builder = new StringBuilder();
        builder.AppendLine("using System; using System.Collections.Generic; using System.Linq; using System.Text;");
        if (aws)
        {
            builder.AppendLine(AwsUsings);
        }

        builder.AppendLine("namespace Large {");
        var i = 0;
        while (Count(builder) < lines)
        {
            builder.AppendLine(OrdinaryClass(i, 40));
            if (aws && i % 50 == 3)
            {
                builder.AppendLine(AwsClass(i));
            }

            i++;
        }

        builder.AppendLine("}");
        return builder.ToString();
    }

    /// <summary>A class with one raw-string trust policy of about <paramref name="bytes"/> characters; every other statement has no ExternalId.</summary>
    public static (string Text, int Unprotected) LargePolicy(int bytes)
    {
        var builder = new System.Text.StringBuilder();
        builder.Append("class Policies\n{\n    const string Trust = \"\"\"\n        {\n          \"Version\": \"2012-10-17\",\n          \"Statement\": [\n");
        var unprotected = 0;
        for (var i = 0; builder.Length < bytes; i++)
        {
            var account = (100000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            builder.Append(i == 0 ? string.Empty : ",\n");
            builder.Append("            { \"Effect\": \"Allow\", \"Principal\": { \"AWS\": \"arn:aws:iam::").Append(account).Append(":root\" }, \"Action\": \"sts:AssumeRole\"");
            if (i % 2 == 0)
            {
                builder.Append(", \"Condition\": { \"StringEquals\": { \"sts:ExternalId\": \"tenant-").Append(i).Append("\" } }");
            }
            else
            {
                unprotected++;
            }

            builder.Append(" }");
        }

        builder.Append("\n          ]\n        }\n        \"\"\";\n}\n");
        return (builder.ToString(), unprotected);
    }

    public static int AwsClassesInLargeFile(int lines)
    {
        var count = 0;
        var builder = new StringBuilder();
        var i = 0;
        while (Count(builder) < lines - 3)
        {
            builder.AppendLine(OrdinaryClass(i, 40));
            if (i % 50 == 3)
            {
                builder.AppendLine(AwsClass(i));
                count++;
            }

            i++;
        }

        return count;
    }

    /// <summary>Lines in <paramref name="builder"/>: the generators append whole lines, so count them from the end of the last count.</summary>
    private static int Count(StringBuilder builder)
    {
        if (!LineCounts.TryGetValue(builder, out var state))
        {
            state = new LineCount();
            LineCounts.Add(builder, state);
        }

        for (; state.Scanned < builder.Length; state.Scanned++)
        {
            if (builder[state.Scanned] == '\n')
            {
                state.Lines++;
            }
        }

        return state.Lines;
    }

    private sealed class LineCount
    {
        public int Scanned;
        public int Lines;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<StringBuilder, LineCount> LineCounts = new();

    private const string AwsUsings = "using Amazon; using Amazon.Runtime; using Amazon.S3; using Amazon.SecurityToken; using Amazon.SecurityToken.Model; using Amazon.CDK; using Amazon.CDK.AWS.IAM; using Constructs;";

    private static string OrdinaryFile(int seed, int lines)
    {
        var builder = new StringBuilder();
        builder.AppendLine("using System; using System.Collections.Generic; using System.Linq; using System.Text;");
        builder.AppendLine($"namespace Ordinary{seed % 10} {{");
        builder.AppendLine(OrdinaryClass(seed, lines - 4));
        builder.AppendLine("}");
        return builder.ToString();
    }

    /// <summary>A class of ordinary code: object creations, invocations, assignments, string literals, LINQ, lambdas.</summary>
    private static string OrdinaryClass(int seed, int lines)
    {
        var b = new StringBuilder();
        b.AppendLine($"public sealed class Service{seed} {{");
        b.AppendLine($"    private readonly Dictionary<string, int> _counts = new Dictionary<string, int>();");
        b.AppendLine($"    private string _name = \"service-{seed}\";");
        b.AppendLine($"    public int Total {{ get; set; }}");
        var method = 0;
        while (Count(b) < lines - 14)
        {
            b.AppendLine($"    public string Method{method}(string input, int count) {{");
            b.AppendLine($"        var builder = new StringBuilder(\"prefix-{seed}-{method}\");");
            b.AppendLine($"        var items = new List<string> {{ input, \"a{method}\", \"b{seed}\" }};");
            b.AppendLine($"        for (var i = 0; i < count; i++) {{ builder.Append(items[i % items.Count]).Append(',' ); Total = Total + i; }}");
            b.AppendLine($"        var filtered = items.Where(x => x.Length > {method % 5}).Select(x => x.ToUpperInvariant()).ToList();");
            b.AppendLine($"        if (!_counts.TryGetValue(input, out var n)) {{ n = 0; }} _counts[input] = n + 1;");
            b.AppendLine($"        _name = string.Join(\"/\", filtered) + \"-{method}\";");
            b.AppendLine($"        var point = new Point{{ X = count, Y = {method} }}; var copy = point.X + point.Y;");
            b.AppendLine($"        Func<int, int> square = v => v * v; Total += square(copy);");
            b.AppendLine($"        return builder.ToString() + _name + $\"{{input}}:{{count}}\";");
            b.AppendLine("    }");
            method++;
        }

        b.AppendLine("    public struct Point { public int X; public int Y; }");
        b.AppendLine("}");
        return b.ToString();
    }

    private static string AwsFile(int seed, int lines)
    {
        var b = new StringBuilder();
        b.AppendLine("using System; using System.Collections.Generic; using System.Linq; using System.Text;");
        b.AppendLine(AwsUsings);
        b.AppendLine($"namespace Aws{seed} {{");
        b.AppendLine(AwsClass(seed));
        b.AppendLine(OrdinaryClass(seed, lines - 40));
        b.AppendLine("}");
        return b.ToString();
    }

    /// <summary>One of every reported shape, and look-alikes that are not reported.</summary>
    private static string AwsClass(int seed) => $$"""
        public sealed class Aws{{seed}} : Stack
        {
            private const string KeyId = "AKIARTX3GSDS7FJONNBY";
            private const string ShortId = "x";
            private const string EnvLine = "AWS_ACCESS_KEY_ID=ASIAY34FZKBOKMUTVV7A";
            private const string QueuePolicy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}";

            public Aws{{seed}}(Construct scope, string id, string roleArn, AWSCredentials source) : base(scope, id)
            {
                var request = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "s{{seed}}" };
                var constant = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = "shared-id" };
                var placeholder = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = "REPLACE_ME" };
                var options = new AssumeRoleAWSCredentialsOptions { ExternalId = ShortId };
                var client = new AmazonS3Client("AKIA" + "RTX3GSDS7FJONNBZ", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9Secret0", RegionEndpoint.USEast1);
                var credentials = new BasicAWSCredentials(System.Environment.GetEnvironmentVariable("ID"), "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9Secret1");
                System.Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9Secret2");
                new Role(this, "Vendor", new RoleProps { AssumedBy = new AccountPrincipal("111122223333") });
                new Role(this, "Public", new RoleProps { AssumedBy = new AnyPrincipal() });
                new Role(this, "Service", new RoleProps { AssumedBy = new ServicePrincipal("sns.amazonaws.com") });
                var everyone = new PolicyStatement(new PolicyStatementProps { Principals = new IPrincipal[] { new AnyPrincipal() }, Actions = new[] { "s3:GetObject" }, Resources = new[] { "arn:aws:s3:::site{{seed}}/*" } });
                var safe = new AssumeRoleRequest { RoleArn = roleArn, ExternalId = id };
                var local = new AmazonS3Client("test", "test", new AmazonS3Config { ServiceURL = "http://localhost:4566" });
            }
        }
        """;
}
