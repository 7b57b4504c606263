using System;
using CrossAccountAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CrossAccountAnalyzers.Tests.Meta;

/// <summary>The suite runs twice: on the Roslyn floor the analyzers are built against, and on the newest Roslyn served.</summary>
public class RoslynVersionTests
{
    [Fact]
    public void TestsRunOnTheIntendedRoslyn_AndTheAnalyzersAreBuiltAgainstTheFloor()
    {
        var running = typeof(Compilation).Assembly.GetName().Version!;
#if ROSLYN5
        Assert.Equal(new Version(5, 12), new Version(running.Major, running.Minor));
#else
        Assert.Equal(new Version(4, 8), new Version(running.Major, running.Minor));
#endif
        foreach (var assembly in new[] { typeof(CxaRule).Assembly, typeof(CodeFixes.ExternalId.AssumeRoleWithoutExternalIdCodeFixProvider).Assembly })
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
                {
                    Assert.True(reference.Version! <= new Version(4, 8, 0, 0), $"{assembly.GetName().Name} references {reference.Name} {reference.Version}");
                }
            }
        }
    }
}
