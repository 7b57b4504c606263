using System;
using Xunit;

namespace CrossAccountAnalyzers.Tests.Infrastructure;

/// <summary>
/// A stress test (huge or deeply nested input, every input mutated, a real <c>dotnet build</c>): skipped by the default
/// <c>dotnet test</c>, run once by <c>.ci/run</c> on the Roslyn 4.8 floor with <c>CXA_STRESS=1</c> and
/// <c>--filter Category=Stress</c>. Each such test also carries <c>[Trait("Category", "Stress")]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StressFactAttribute : FactAttribute
{
    public const string Category = "Stress";

    public StressFactAttribute()
    {
        if (!Enabled)
        {
            Skip = "stress test: runs in CI (CXA_STRESS=1 dotnet test --filter Category=Stress)";
        }
    }

    public static bool Enabled => Environment.GetEnvironmentVariable("CXA_STRESS") == "1";
}
