using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CrossAccountAnalyzers.Engine;

/// <summary>What a file's text holds that a string rule looks for (flags; several at once).</summary>
[Flags]
internal enum SourceTextFacts
{
    None = 0,

    /// <summary>An access key ID prefix: AKIA, ASIA, ABIA or ACCA.</summary>
    KeyPrefix = 1,

    /// <summary>The word Statement (every IAM policy document has one).</summary>
    Statement = 2,

    /// <summary>A <c>\u</c>, <c>\U</c> or <c>\x</c> escape, which could spell any of the above without writing it.</summary>
    Escape = 4,

    All = KeyPrefix | Statement | Escape,
}

/// <summary>
/// The per-file pre-filter that lets string rules skip every file that cannot hold what they look for: one scan of the
/// source text per syntax tree, shared by every rule (cached for the tree's lifetime) and read in chunks. Only a file
/// that holds a needle is then read as a whole (<see cref="TokensHolding"/>).
/// </summary>
internal static class SourceTextSearch
{
    private const int ChunkSize = 8192;

    /// <summary>The longest needle ("Statement") minus one: kept between chunks so a needle across two is found.</summary>
    private const int Overlap = 8;

    private static readonly ConditionalWeakTable<SyntaxTree, Box> Cache = new();

    [ThreadStatic]
    private static char[]? t_buffer;

    /// <summary>What <paramref name="tree"/>'s text holds; computed once per tree.</summary>
    public static SourceTextFacts Facts(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (Cache.TryGetValue(tree, out var cached))
        {
            return cached.Value;
        }

        var facts = Scan(tree.GetText(cancellationToken), cancellationToken);
        return Cache.GetValue(tree, _ => new Box(facts)).Value;
    }

    /// <summary>Whether the file may hold <paramref name="wanted"/>: it does, or it has an escape that could spell it.</summary>
    public static bool MayHold(SyntaxTree tree, SourceTextFacts wanted, CancellationToken cancellationToken)
        => (Facts(tree, cancellationToken) & (wanted | SourceTextFacts.Escape)) != 0;

    /// <summary>
    /// The tokens of <paramref name="tree"/> whose text holds one of <paramref name="needles"/>, each once, in order;
    /// or every token of the file when it has an escape (which can spell a needle without writing it). So a string
    /// rule reads the few literals that can matter, not a 20,000-line file's every token.
    /// </summary>
    public static System.Collections.Generic.IEnumerable<SyntaxToken> TokensHolding(SyntaxTree tree, string[] needles, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        if ((Facts(tree, cancellationToken) & SourceTextFacts.Escape) != 0)
        {
            foreach (var token in root.DescendantTokens())
            {
                yield return token;
            }

            yield break;
        }

        var text = tree.GetText(cancellationToken).ToString();
        var positions = new System.Collections.Generic.List<int>();
        foreach (var needle in needles)
        {
            for (var at = text.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = text.IndexOf(needle, at + 1, StringComparison.Ordinal))
            {
                positions.Add(at);
            }
        }

        positions.Sort();
        var previous = default(SyntaxToken);
        foreach (var position in positions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var token = root.FindToken(position, findInsideTrivia: false);
            if (token != previous && token.Span.Contains(position))
            {
                previous = token;
                yield return token;
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="tree"/> may name <paramref name="name"/>: its text holds it, or has an escape that could
    /// spell it. For whole-compilation questions (who calls a factory) asked from one file: only such files are read.
    /// </summary>
    public static bool MayHoldName(SyntaxTree tree, string name, CancellationToken cancellationToken)
    {
        // Cached per tree and name: in the IDE every keystroke makes a new compilation, but the files not being edited
        // keep their syntax trees, so the same question about them is answered once.
        var answers = NameAnswers.GetValue(tree, static _ => new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal));
        if (answers.TryGetValue(name, out var known))
        {
            return known;
        }

        var answer = ScanForName(tree, name, cancellationToken);
        answers.TryAdd(name, answer);
        return answer;
    }

    private static readonly ConditionalWeakTable<SyntaxTree, System.Collections.Concurrent.ConcurrentDictionary<string, bool>> NameAnswers = new();

    private static readonly ConditionalWeakTable<SyntaxTree, System.Collections.Concurrent.ConcurrentDictionary<string, NameSnapshot>> Snapshots = new();

    /// <summary>
    /// The trees of <paramref name="compilation"/> that may name <paramref name="name"/> (<see cref="MayHoldName"/>), in
    /// the compilation's order. In the IDE every keystroke makes a new compilation whose trees are the last one's but
    /// one, so the answer for the last compilation asked is kept and only the trees that changed are asked again:
    /// comparing two arrays of references, not a lookup per file, which keeps a 5,000-file project's cost flat. The
    /// answer is kept under the first and the last tree (an edit changes one tree, so one of them still matches) and
    /// dies with them.
    /// </summary>
    public static ImmutableArray<SyntaxTree> TreesMayHoldingName(Compilation compilation, string name, CancellationToken cancellationToken)
    {
        var trees = compilation.SyntaxTrees.ToImmutableArray();
        if (trees.IsEmpty)
        {
            return trees;
        }

        var first = trees[0];
        var last = trees[trees.Length - 1];
        NameSnapshot? previous = null;
        if (Snapshots.TryGetValue(first, out var byName) && byName.TryGetValue(name, out var found))
        {
            previous = found;
        }
        else if (Snapshots.TryGetValue(last, out byName) && byName.TryGetValue(name, out found))
        {
            previous = found;
        }

        if (previous is not null && previous.Trees == trees)
        {
            return previous.Holding;
        }

        var holds = new bool[trees.Length];
        var sameShape = previous is not null && previous.Trees.Length == trees.Length;
        Dictionary<SyntaxTree, int>? index = null;
        if (previous is not null && !sameShape)
        {
            // Files were added or removed: find the old answers by tree.
            index = new Dictionary<SyntaxTree, int>(previous.Trees.Length, ReferenceEqualityComparer.Instance);
            for (var i = 0; i < previous.Trees.Length; i++)
            {
                index[previous.Trees[i]] = i;
            }
        }

        var holding = ImmutableArray.CreateBuilder<SyntaxTree>();
        for (var i = 0; i < trees.Length; i++)
        {
            var tree = trees[i];
            if (sameShape && ReferenceEquals(previous!.Trees[i], tree))
            {
                holds[i] = previous.Holds[i];
            }
            else if (index is not null && index.TryGetValue(tree, out var at))
            {
                holds[i] = previous!.Holds[at];
            }
            else
            {
                cancellationToken.ThrowIfCancellationRequested();
                holds[i] = MayHoldName(tree, name, cancellationToken);
            }

            if (holds[i])
            {
                holding.Add(tree);
            }
        }

        var snapshot = new NameSnapshot(trees, holds, holding.ToImmutable());
        Snapshots.GetOrCreateValue(first)[name] = snapshot;
        if (!ReferenceEquals(first, last))
        {
            Snapshots.GetOrCreateValue(last)[name] = snapshot;
        }

        return snapshot.Holding;
    }

    private static bool ScanForName(SyntaxTree tree, string name, CancellationToken cancellationToken)
    {
        if ((Facts(tree, cancellationToken) & SourceTextFacts.Escape) != 0)
        {
            return true;
        }

        var text = tree.GetText(cancellationToken);
        var buffer = t_buffer ??= new char[ChunkSize + Overlap];
        if (name.Length == 0 || name.Length > Overlap + 1)
        {
            // Longer than a chunk's overlap: read the whole text once.
            return text.ToString().IndexOf(name, StringComparison.Ordinal) >= 0;
        }

        var kept = 0;
        for (var position = 0; position < text.Length; position += ChunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(ChunkSize, text.Length - position);
            text.CopyTo(position, buffer, kept, count);
            var length = kept + count;
            if (new ReadOnlySpan<char>(buffer, 0, length).IndexOf(name.AsSpan(), StringComparison.Ordinal) >= 0)
            {
                return true;
            }

            kept = Math.Min(name.Length - 1, length);
            Array.Copy(buffer, length - kept, buffer, 0, kept);
        }

        return false;
    }

    public static SourceTextFacts Scan(SourceText text, CancellationToken cancellationToken)
    {
        var found = SourceTextFacts.None;

        // One buffer per thread, reused for every file.
        var buffer = t_buffer ??= new char[ChunkSize + Overlap];
        var kept = 0;
        for (var position = 0; position < text.Length; position += ChunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(ChunkSize, text.Length - position);
            text.CopyTo(position, buffer, kept, count);
            var length = kept + count;

            // The last chunk is read to its end; the others stop where a needle could still run into the next chunk
            // (that tail is kept and read again with it).
            var last = position + count >= text.Length;
            found |= ScanChunk(buffer, length, last ? length : length - Overlap, found);
            if (found == SourceTextFacts.All)
            {
                break;
            }

            kept = last ? 0 : Overlap;
            Array.Copy(buffer, length - kept, buffer, 0, kept);
        }

        return found;
    }

    /// <summary>Needles starting in [0, <paramref name="startLimit"/>) of <paramref name="buffer"/>[0, <paramref name="length"/>).</summary>
    private static SourceTextFacts ScanChunk(char[] buffer, int length, int startLimit, SourceTextFacts already)
    {
        // One vectorized substring search per needle (each runs at memory speed on .NET), skipping what is already
        // known: several passes over a chunk are far cheaper than stopping at every capital A or S in the code.
        var found = SourceTextFacts.None;
        var span = new ReadOnlySpan<char>(buffer, 0, length);
        if ((already & SourceTextFacts.Statement) == 0 && StartsBefore(span, "Statement".AsSpan(), startLimit))
        {
            found |= SourceTextFacts.Statement;
        }

        if ((already & SourceTextFacts.KeyPrefix) == 0)
        {
            foreach (var prefix in Aws.AccessKeyId.Prefixes)
            {
                if (StartsBefore(span, prefix.AsSpan(), startLimit))
                {
                    found |= SourceTextFacts.KeyPrefix;
                    break;
                }
            }
        }

        if ((already & SourceTextFacts.Escape) == 0)
        {
            for (var i = 0; i < startLimit;)
            {
                var next = span.Slice(i, startLimit - i).IndexOf('\\');
                if (next < 0)
                {
                    break;
                }

                i += next;
                var following = i + 1 < length ? span[i + 1] : '\0';
                if (following is 'u' or 'U' or 'x')
                {
                    found |= SourceTextFacts.Escape;
                    break;
                }

                // An escaped backslash is skipped whole, so that a backslash followed by u is not read as an escape.
                i += following == '\\' ? 2 : 1;
            }
        }

        return found;
    }

    /// <summary>Whether <paramref name="needle"/> occurs starting before <paramref name="startLimit"/>.</summary>
    private static bool StartsBefore(ReadOnlySpan<char> span, ReadOnlySpan<char> needle, int startLimit)
    {
        var end = Math.Min(span.Length, startLimit + needle.Length - 1);
        return span.Slice(0, end).IndexOf(needle, StringComparison.Ordinal) >= 0;
    }

    private sealed class NameSnapshot
    {
        public NameSnapshot(ImmutableArray<SyntaxTree> trees, bool[] holds, ImmutableArray<SyntaxTree> holding)
        {
            Trees = trees;
            Holds = holds;
            Holding = holding;
        }

        public ImmutableArray<SyntaxTree> Trees { get; }

        public bool[] Holds { get; }

        public ImmutableArray<SyntaxTree> Holding { get; }
    }

    private sealed class ReferenceEqualityComparer : IEqualityComparer<SyntaxTree>
    {
        public static readonly ReferenceEqualityComparer Instance = new();

        public bool Equals(SyntaxTree? x, SyntaxTree? y) => ReferenceEquals(x, y);

        public int GetHashCode(SyntaxTree obj) => RuntimeHelpers.GetHashCode(obj);
    }

    private sealed class Box
    {
        public Box(SourceTextFacts value) => Value = value;

        public SourceTextFacts Value { get; }
    }
}
