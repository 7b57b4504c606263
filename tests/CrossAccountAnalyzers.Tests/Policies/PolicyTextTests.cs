using System.Linq;
using CrossAccountAnalyzers.Policies;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace CrossAccountAnalyzers.Tests.Policies;

/// <summary>The source map behind JSON squiggles and fixes: every string syntax maps each value character back to the text that wrote it.</summary>
public class PolicyTextTests
{
    [Theory]
    [InlineData("\"a\\\"AWS\\\"b\"", "\"AWS\"", "\\\"AWS\\\"")]
    [InlineData("\"x\\u0041\\x42\\U00000043y\"", "ABC", "\\u0041\\x42\\U00000043")]
    [InlineData("\"tab\\there\"", "\there", "\\there")]
    [InlineData("@\"say \"\"hi\"\" now\"", "\"hi\"", "\"\"hi\"\"")]
    [InlineData("\"\"\"{\"AWS\": \"111122223333\"}\"\"\"", "111122223333", "111122223333")]
    [InlineData("\"\"\"\n        {\n          \"AWS\": \"111122223333\"\n\n        }\n        \"\"\"", "  \"AWS\"", "  \"AWS\"")]
    [InlineData("$\"{{\\\"AWS\\\": {n}}}\"", "\"AWS\"", "\\\"AWS\\\"")]
    [InlineData("$@\"{{\"\"AWS\"\": 1}}\"", "{\"AWS\"", "{{\"\"AWS\"\"")]
    [InlineData("$$\"\"\"\n    { \"AWS\": \"{{n}}\" }\n    \"\"\"", "{ \"AWS\"", "{ \"AWS\"")]
    public void MapsValueCharactersBackToTheirSource(string expression, string valuePart, string expectedSource)
    {
        var source = "class C { const int n = 1; object F = " + expression + "; }";
        var tree = CSharpSyntaxTree.ParseText(source);
        Assert.Empty(tree.GetDiagnostics());
        var node = tree.GetRoot().DescendantNodes().OfType<EqualsValueClauseSyntax>().Last().Value;
        var policy = PolicyText.Create(node, _ => null)!;
        var start = policy.Text.IndexOf(valuePart, System.StringComparison.Ordinal);
        Assert.True(start >= 0, policy.Text);
        var span = policy.MapSpan(start, start + valuePart.Length);
        Assert.NotNull(span);
        Assert.Equal(expectedSource, source.Substring(span!.Value.Start, span.Value.Length));
    }

    [Fact]
    public void RunTimeParts_AreHoles_AndConstantsAreFoldedIn()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { object F(string a) => \"x\" + a + K + $\"{a}y\"; const string K = \"k\"; }");
        var node = tree.GetRoot().DescendantNodes().OfType<ArrowExpressionClauseSyntax>().Single().Expression;
        var policy = PolicyText.Create(node, e => e.ToString() == "K" ? "k" : null)!;
        Assert.Equal("x" + PolicyText.Hole + "k" + PolicyText.Hole + "y", policy.Text);
        Assert.True(policy.HasHoles);
        Assert.True(policy.IsConcatenation);
        Assert.Null(policy.MapSpan(0, 3));
        Assert.NotNull(policy.MapSpan(0, 1));
    }

    [Fact]
    public void LongConcatenations_DoNotRecurseOnTheLeftSpine()
    {
        var expression = string.Join(" + ", Enumerable.Repeat("\"a\"", 20_000));
        var tree = CSharpSyntaxTree.ParseText("class C { object F = " + expression + "; }");
        var node = tree.GetRoot().DescendantNodes().OfType<EqualsValueClauseSyntax>().Single().Value;
        Assert.Equal(20_000, PolicyText.Create(node, null)!.Text.Length);
    }
}
