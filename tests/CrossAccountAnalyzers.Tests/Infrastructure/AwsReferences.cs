using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace CrossAccountAnalyzers.Tests.Infrastructure;

/// <summary>Which AWS SDK a test compiles against.</summary>
public enum AwsSdk
{
    /// <summary>No AWS package at all.</summary>
    None,

    /// <summary>AWS SDK for .NET v3.7.</summary>
    V3,

    /// <summary>AWS SDK for .NET v4.</summary>
    V4,

    /// <summary>AWS SDK v4 and AWS CDK v2 (Amazon.CDK.Lib 2.160.0), with Newtonsoft.Json 13.0.3.</summary>
    Cdk,

    /// <summary>
    /// AWS SDK v4, the ASP.NET Core 8 shared framework's reference assemblies (Microsoft.AspNetCore.App.Ref) and AWS CDK
    /// v2: a web application, and everything the samples use.
    /// </summary>
    AspNetCore,
}

/// <summary>
/// The pinned AWS reference sets, in one place. The same versions are listed as PackageDownload items in the test
/// project so that restore fetches them before any test runs.
/// </summary>
public static class AwsReferences
{
    public static readonly ReferenceAssemblies Net = ReferenceAssemblies.Net.Net80;

    public static readonly ReferenceAssemblies V4 = Net.AddPackages(ImmutableArray.Create(
        new PackageIdentity("AWSSDK.Core", "4.1.0"),
        new PackageIdentity("AWSSDK.SecurityToken", "4.0.101.10"),
        new PackageIdentity("AWSSDK.S3", "4.1.0"),
        new PackageIdentity("AWSSDK.DynamoDBv2", "4.1.0"),
        new PackageIdentity("AWSSDK.SQS", "4.0.100.25"),
        new PackageIdentity("AWSSDK.KeyManagementService", "4.1.0"),
        new PackageIdentity("AWSSDK.Extensions.NETCore.Setup", "4.0.102.10"),
        // Setup asks for the 2.0.0 abstractions, which the feed does not serve; name served ones explicitly.
        new PackageIdentity("Microsoft.Extensions.Configuration.Abstractions", "8.0.0"),
        new PackageIdentity("Microsoft.Extensions.DependencyInjection.Abstractions", "8.0.0"),
        new PackageIdentity("Microsoft.Extensions.Logging.Abstractions", "8.0.0")));

    public static readonly ReferenceAssemblies V3 = Net.AddPackages(ImmutableArray.Create(
        new PackageIdentity("AWSSDK.Core", "3.7.402"),
        new PackageIdentity("AWSSDK.SecurityToken", "3.7.202"),
        new PackageIdentity("AWSSDK.S3", "3.7.304.1"),
        new PackageIdentity("AWSSDK.Extensions.NETCore.Setup", "3.7.2"),
        new PackageIdentity("Microsoft.Extensions.Configuration.Abstractions", "8.0.0"),
        new PackageIdentity("Microsoft.Extensions.DependencyInjection.Abstractions", "8.0.0"),
        new PackageIdentity("Microsoft.Extensions.Logging.Abstractions", "8.0.0")));

    /// <summary>SDK v4 in a web application: the ASP.NET Core 8 reference assemblies, as a project with the Web SDK compiles against.</summary>
    public static readonly ReferenceAssemblies AspNetCore = V4.AddPackages(ImmutableArray.Create(
        new PackageIdentity("Microsoft.AspNetCore.App.Ref", "8.0.31")));

    /// <summary>Whether the CDK assemblies (<see cref="CdkReferences"/>) are added to the reference set of <paramref name="sdk"/>.</summary>
    public static bool WithCdk(AwsSdk sdk) => sdk is AwsSdk.Cdk or AwsSdk.AspNetCore;

    public static ReferenceAssemblies For(AwsSdk sdk) => sdk switch
    {
        AwsSdk.V3 => V3,
        AwsSdk.AspNetCore => AspNetCore,
        AwsSdk.V4 or AwsSdk.Cdk => V4,
        _ => Net,
    };

    /// <summary>
    /// The AWS CDK assemblies, by file from the restore's package folder (PackageDownload in the test project): the
    /// testing library's resolver would also pull CDK's asset packages, which compilation does not need.
    /// </summary>
    public static ImmutableArray<MetadataReference> CdkReferences { get; } = LoadCdk();

    private static ImmutableArray<MetadataReference> LoadCdk()
    {
        var root = typeof(AwsReferences).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().First(a => a.Key == "NuGetPackageRoot").Value!;
        return ImmutableArray.Create<MetadataReference>(
            MetadataReference.CreateFromFile(Path.Combine(root, "amazon.cdk.lib", "2.160.0", "lib", "netcoreapp3.1", "Amazon.CDK.Lib.dll")),
            MetadataReference.CreateFromFile(Path.Combine(root, "amazon.jsii.runtime", "1.103.1", "lib", "netcoreapp3.1", "Amazon.JSII.Runtime.dll")),
            MetadataReference.CreateFromFile(Path.Combine(root, "constructs", "10.0.5", "lib", "netcoreapp3.1", "Constructs.dll")),
            // JSON.NET, which JSII itself depends on: the CDK tests can build policies as JObject/JArray.
            MetadataReference.CreateFromFile(Path.Combine(root, "newtonsoft.json", "13.0.3", "lib", "netstandard2.0", "Newtonsoft.Json.dll")));
    }

    /// <summary>
    /// Extra assemblies by file, per SDK: on v3, AWSSDK.KeyManagementService 3.3.105.18, the only 3.x KMS the feed
    /// serves. Its package asks for AWSSDK.Core below 3.4, which the package resolver cannot square with the 3.7 core;
    /// the assembly binds to the 3.7 core (every v3 assembly has version 3.3.0.0), so it is referenced by file.
    /// </summary>
    public static ImmutableArray<MetadataReference> ExtraReferences(AwsSdk sdk) => sdk switch
    {
        AwsSdk.Cdk or AwsSdk.AspNetCore => CdkReferences,
        AwsSdk.V3 => KmsV3References,
        _ => ImmutableArray<MetadataReference>.Empty,
    };

    private static ImmutableArray<MetadataReference> KmsV3References { get; } = ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(Path.Combine(PackageRoot(), "awssdk.keymanagementservice", "3.3.105.18", "lib", "netstandard2.0", "AWSSDK.KeyManagementService.dll")));

    private static string PackageRoot()
        => typeof(AwsReferences).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().First(a => a.Key == "NuGetPackageRoot").Value!;

    /// <summary>Theory data: every supported SDK major.</summary>
    public static IEnumerable<object[]> Sdks => new[] { new object[] { AwsSdk.V3 }, new object[] { AwsSdk.V4 } };
}
