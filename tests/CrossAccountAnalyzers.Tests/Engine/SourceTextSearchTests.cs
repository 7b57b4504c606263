using System.Linq;
using System.Threading;
using CrossAccountAnalyzers.Engine;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace CrossAccountAnalyzers.Tests.Engine;

/// <summary>The per-file pre-filter of the string rules: a file it calls empty is never read, so a miss is a missed finding.</summary>
public sealed class SourceTextSearchTests
{
    [Theory]
    [InlineData("class C { }", (int)(SourceTextFacts.None))]
    [InlineData("var k = \"AKIA\";", (int)(SourceTextFacts.KeyPrefix))]
    [InlineData("ASIA", (int)(SourceTextFacts.KeyPrefix))]
    [InlineData("xABIA", (int)(SourceTextFacts.KeyPrefix))]
    [InlineData("ACCA", (int)(SourceTextFacts.KeyPrefix))]
    [InlineData("AKI ASI ABI ACC AAAA", (int)(SourceTextFacts.None))]
    [InlineData("\"Statement\": []", (int)(SourceTextFacts.Statement))]
    [InlineData("Statemen", (int)(SourceTextFacts.None))]
    [InlineData("StatementAKIA", (int)(SourceTextFacts.Statement | SourceTextFacts.KeyPrefix))]
    [InlineData("\"\\u0041KIA\"", (int)(SourceTextFacts.Escape))]
    [InlineData("\"\\U00000041\"", (int)(SourceTextFacts.Escape))]
    [InlineData("\"\\x41KIA\"", (int)(SourceTextFacts.Escape))]
    [InlineData("\"\\n\\t\\\\\"", (int)(SourceTextFacts.None))]
    [InlineData("trailing \\", (int)(SourceTextFacts.None))]
    [InlineData("\"\\\\u0041KIA\"", (int)(SourceTextFacts.None))]
    [InlineData("\"\\\\\\u0041KIA\"", (int)(SourceTextFacts.Escape))]
    [InlineData("A", (int)(SourceTextFacts.None))]
    [InlineData("", (int)(SourceTextFacts.None))]
    public void Scan_FindsEachNeedle(string text, int expectedFacts)
        => Assert.Equal((SourceTextFacts)expectedFacts, SourceTextSearch.Scan(SourceText.From(text), CancellationToken.None));

    [Theory]
    [InlineData("Statement", (int)(SourceTextFacts.Statement))]
    [InlineData("AKIA", (int)(SourceTextFacts.KeyPrefix))]
    [InlineData("\\u", (int)(SourceTextFacts.Escape))]
    public void Scan_FindsANeedleAcrossEveryChunkBoundaryOffset(string needle, int expectedFacts)
    {
        var expected = (SourceTextFacts)expectedFacts;
        // The scan reads 8,192 characters at a time; put the needle across the boundary at every offset, and at the
        // very end of a text longer than one chunk.
        for (var offset = -needle.Length; offset <= 1; offset++)
        {
            var text = new string('x', 8192 + offset) + needle + new string('y', 100);
            Assert.Equal(expected, SourceTextSearch.Scan(SourceText.From(text), CancellationToken.None));
        }

        Assert.Equal(expected, SourceTextSearch.Scan(SourceText.From(new string('x', 3 * 8192 + 5) + needle), CancellationToken.None));
        Assert.Equal(SourceTextFacts.None, SourceTextSearch.Scan(SourceText.From(new string('x', 3 * 8192 + 5) + needle.Substring(0, needle.Length - 1)), CancellationToken.None));
    }

    [Fact]
    public void MayHold_IsTrueForAnEscapeWhateverIsWanted_AndCachedPerTree()
    {
        var escaped = CSharpSyntaxTree.ParseText("class C { string s = \"\\u0053tatement\"; }");
        var plain = CSharpSyntaxTree.ParseText("class C { string s = \"Statement\"; }");

        Assert.True(SourceTextSearch.MayHold(escaped, SourceTextFacts.Statement, CancellationToken.None));
        Assert.True(SourceTextSearch.MayHold(escaped, SourceTextFacts.KeyPrefix, CancellationToken.None));
        Assert.True(SourceTextSearch.MayHold(plain, SourceTextFacts.Statement, CancellationToken.None));
        Assert.False(SourceTextSearch.MayHold(plain, SourceTextFacts.KeyPrefix, CancellationToken.None));
        Assert.Equal(SourceTextSearch.Facts(plain, CancellationToken.None), SourceTextSearch.Facts(plain, CancellationToken.None));
    }

    [Fact]
    public void TokensHolding_ReturnsEachTokenWhereANeedleIsWritten_NotTrivia_AndEveryTokenWhenTheFileHasAnEscape()
    {
        var tree = CSharpSyntaxTree.ParseText("""
            // AKIA in a comment
            class C
            {
                string a = "AKIAAKIA ASIA";
                string b = $"x{1}AKIA";
                string AKIAName = "none";
            }
            """);
        var tokens = SourceTextSearch.TokensHolding(tree, new[] { "AKIA", "ASIA" }, CancellationToken.None).Select(t => t.Text).ToList();
        Assert.Equal(new[] { "\"AKIAAKIA ASIA\"", "AKIA", "AKIAName" }, tokens);

        var escaped = CSharpSyntaxTree.ParseText("class C { string a = \"\\u0041KIA\"; }");
        Assert.Equal(escaped.GetRoot().DescendantTokens().Count(), SourceTextSearch.TokensHolding(escaped, new[] { "AKIA" }, CancellationToken.None).Count());
    }

    /// <summary>
    /// The name search kept from one compilation to the next (as the IDE makes one per keystroke) answers for the trees
    /// of the compilation asked: an edited tree, an added one and a removed one are all seen, in the compilation's order.
    /// </summary>
    [Fact]
    public void TreesMayHoldingName_FollowsEditsAdditionsAndRemovals()
    {
        var a = CSharpSyntaxTree.ParseText("class A { int AccessKey; }", path: "a.cs");
        var b = CSharpSyntaxTree.ParseText("class B { }", path: "b.cs");
        var c = CSharpSyntaxTree.ParseText("class C { int x = new A().AccessKey; }", path: "c.cs");
        var compilation = CSharpCompilation.Create("names", new[] { a, b, c });
        Assert.Equal(new[] { "a.cs", "c.cs" }, Paths(compilation));
        Assert.Equal(new[] { "a.cs", "c.cs" }, Paths(compilation));

        // b starts naming it; then c stops.
        var b2 = b.WithChangedText(SourceText.From("class B { int y = new A().AccessKey; }"));
        compilation = compilation.ReplaceSyntaxTree(b, b2);
        Assert.Equal(new[] { "a.cs", "b.cs", "c.cs" }, Paths(compilation));
        var c2 = c.WithChangedText(SourceText.From("class C { }"));
        compilation = compilation.ReplaceSyntaxTree(c, c2);
        Assert.Equal(new[] { "a.cs", "b.cs" }, Paths(compilation));

        // A file added that names it, then the first file removed.
        compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class D { object z = nameof(A.AccessKey); }", path: "d.cs"));
        Assert.Equal(new[] { "a.cs", "b.cs", "d.cs" }, Paths(compilation));
        compilation = compilation.RemoveSyntaxTrees(a);
        Assert.Equal(new[] { "b.cs", "d.cs" }, Paths(compilation));

        // Another name is answered on its own.
        Assert.Empty(SourceTextSearch.TreesMayHoldingName(compilation, "SecretKey", CancellationToken.None));

        static string[] Paths(CSharpCompilation compilation)
            => SourceTextSearch.TreesMayHoldingName(compilation, "AccessKey", CancellationToken.None).Select(t => t.FilePath).ToArray();
    }
}
