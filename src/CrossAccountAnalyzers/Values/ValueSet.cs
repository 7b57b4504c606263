using System.Collections.Immutable;

namespace CrossAccountAnalyzers.Values;

/// <summary>
/// What the compiler can know about a string value: either unknown, or the complete set of values it can take
/// (a constant has one; a ternary of two constants, or a local assigned two constants, has two).
/// </summary>
internal readonly struct ValueSet
{
    public const int MaxValues = 32;

    public static readonly ValueSet Unknown;

    private ValueSet(ImmutableArray<string?> values) => Values = values;

    /// <summary>The possible values; default when unknown.</summary>
    public ImmutableArray<string?> Values { get; }

    /// <summary>True when every value the expression can take is known at compile time (it is hard-coded).</summary>
    public bool IsKnown => !Values.IsDefault;

    public static ValueSet Of(string? value) => new(ImmutableArray.Create(value));

    public static ValueSet Of(ImmutableArray<string?> values)
        => values.IsDefaultOrEmpty || values.Length > MaxValues ? Unknown : new ValueSet(ImmutableArray.CreateRange(System.Linq.Enumerable.Distinct(values)));

    /// <summary>Known, and every possible value is null or empty: assigning it sets nothing.</summary>
    public bool IsNullOrEmptyOnly
    {
        get
        {
            if (!IsKnown)
            {
                return false;
            }

            foreach (var v in Values)
            {
                if (!string.IsNullOrEmpty(v))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Known, and every possible value is null, empty or white space: not a credential.</summary>
    public bool IsNullOrWhiteSpaceOnly
    {
        get
        {
            if (!IsKnown)
            {
                return false;
            }

            foreach (var v in Values)
            {
                if (!string.IsNullOrWhiteSpace(v))
                {
                    return false;
                }
            }

            return true;
        }
    }

    public ValueSet Union(ValueSet other)
        => IsKnown && other.IsKnown ? Of(Values.AddRange(other.Values)) : Unknown;

    /// <summary>Every pairwise concatenation (null concatenates as empty, as in C#).</summary>
    public ValueSet Concat(ValueSet other)
    {
        if (!IsKnown || !other.IsKnown || Values.Length * other.Values.Length > MaxValues)
        {
            return Unknown;
        }

        var builder = ImmutableArray.CreateBuilder<string?>(Values.Length * other.Values.Length);
        foreach (var left in Values)
        {
            foreach (var right in other.Values)
            {
                builder.Add(string.Concat(left, right));
            }
        }

        return Of(builder.MoveToImmutable());
    }

    public override string ToString() => IsKnown ? "{" + string.Join(", ", Values) + "}" : "unknown";
}
