using System.Collections.Immutable;
using CrossAccountAnalyzers.Policies;
using Xunit;

namespace CrossAccountAnalyzers.Tests.Policies;

/// <summary>The policy model every reader produces: actions, effect, trust statements, conditions that narrow nothing.</summary>
public class PolicyStatementTests
{
    [Theory]
    [InlineData("sts:AssumeRole", false, true)]
    [InlineData("STS:ASSUMEROLE", false, true)]
    [InlineData("sts:*", false, true)]
    [InlineData("*", false, true)]
    [InlineData("sts:Assume?ole", false, true)]
    [InlineData("sts:AssumeRoleWithSAML", false, false)]
    [InlineData("s3:GetObject", false, false)]
    [InlineData("s3:*", true, true)]
    [InlineData("sts:*", true, false)]
    public void Actions_Cover_AsIamMatches(string pattern, bool negated, bool covers)
        => Assert.Equal(covers, new PolicyActions(ImmutableArray.Create(pattern), negated).Covers("sts:AssumeRole"));

    [Fact]
    public void UnknownOrMixedActions_CoverNothing()
    {
        Assert.False(PolicyActions.Unknown.Covers("sts:AssumeRole"));
        Assert.False(PolicyActions.None.Covers("sts:AssumeRole"));
        var action = new PolicyActions(ImmutableArray.Create("sts:AssumeRole"), negated: false);
        var notAction = new PolicyActions(ImmutableArray.Create("s3:*"), negated: true);
        Assert.True(action.Add(notAction).IsUnknown);
        Assert.True(action.Add(PolicyActions.Unknown).IsUnknown);
        Assert.True(PolicyActions.None.Add(action).Covers("sts:AssumeRole"));
    }

    [Theory]
    [InlineData("Allow", true)]
    [InlineData("Deny", false)]
    [InlineData("Unknown", false)]
    public void TrustStatement_IsAnAllowOfAssumeRole(string effect, bool trust)
        => Assert.Equal(trust, new PolicyStatement(System.Enum.Parse<PolicyEffect>(effect), PolicyActions.AssumeRole, ImmutableArray<TrustPrincipal>.Empty, TrustConditions.None).IsTrustStatement);

    [Theory]
    [InlineData("StringLike", "*", false)]
    [InlineData("StringLike", "?*", false)]
    [InlineData("ForAnyValue:StringLike", "**", false)]
    [InlineData("StringLike", "tenant-*", true)]
    [InlineData("StringLike", "??", true)]
    [InlineData("StringEquals", "*", true)]
    public void ConditionThatAnyValueSatisfies_NarrowsNothing(string @operator, string value, bool narrows)
    {
        var conditions = new TrustConditions(ImmutableArray.Create(new TrustCondition(@operator, "sts:ExternalId", ImmutableArray.Create<string?>(value))), isUnknown: false);
        Assert.Equal(narrows, conditions.Has("sts:ExternalId"));
    }

    [Fact]
    public void AnyWildcardAmongValues_NarrowsNothing()
    {
        var conditions = new TrustConditions(ImmutableArray.Create(new TrustCondition("StringLike", "sts:ExternalId", ImmutableArray.Create<string?>("tenant-1", "*"))), isUnknown: false);
        Assert.False(conditions.Has("sts:ExternalId"));
    }
}
