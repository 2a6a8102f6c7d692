using System.Globalization;

namespace MLNetExtensions.Sweeping;

/// <summary>
/// An integer search parameter; both bounds are included. Its values are <see cref="int"/>s; they can set
/// <see cref="int"/>, <see cref="long"/>, <see cref="float"/> or <see cref="double"/> members (nullable ones too).
/// </summary>
public sealed class IntParameter : SearchParameter
{
    internal IntParameter(int minimum, int maximum, bool isLogScale)
    {
        Minimum = minimum;
        Maximum = maximum;
        IsLogScale = isLogScale;
    }

    /// <summary>The smallest value.</summary>
    public int Minimum { get; }

    /// <summary>The largest value.</summary>
    public int Maximum { get; }

    /// <summary>Whether each decade of the range is equally likely rather than each integer.</summary>
    public bool IsLogScale { get; }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"Int({Minimum}, {Maximum}{(IsLogScale ? ", log" : "")})");

    internal override string? FindDefinitionError()
    {
        if (Minimum >= Maximum)
            return $"minimum must be below maximum, got {this}";
        if (IsLogScale && Minimum <= 0)
            return $"log-scale bounds must be positive, got {this}";
        return null;
    }

    internal override string? FindMemberTypeError(Type memberType) =>
        ValueConversion.CanConvert(typeof(int), memberType)
            ? null
            : $"an {this} parameter produces integers, which cannot set a member of type {TypeNames.Display(memberType)}";

    internal override object? Sample(Random random)
    {
        if (!IsLogScale)
            return (int)random.NextInt64(Minimum, (long)Maximum + 1);

        // Log-uniform over [min, max + 1) then floored, so each integer keeps a share proportional to its log-width.
        double logLow = Math.Log(Minimum), logHigh = Math.Log((double)Maximum + 1);
        double value = Math.Floor(Math.Exp(logLow + random.NextDouble() * (logHigh - logLow)));
        return (int)Math.Clamp(value, Minimum, Maximum);
    }

    internal override IReadOnlyList<object?> GridValues(int points)
    {
        long count = (long)Maximum - Minimum + 1;
        if (count <= points)
            return Enumerable.Range(0, (int)count).Select(i => (object?)(Minimum + i)).ToArray();

        // Rounding can map neighbouring points to one integer (mostly on a log scale): keep each once.
        var values = new List<object?>(points);
        var seen = new HashSet<int>();
        for (int i = 0; i < points; i++)
        {
            double t = (double)i / (points - 1);
            double raw = IsLogScale
                ? Math.Exp(Math.Log(Minimum) + t * (Math.Log(Maximum) - Math.Log(Minimum)))
                : Minimum + t * ((double)Maximum - Minimum);
            int value = i == 0 ? Minimum
                : i == points - 1 ? Maximum
                : (int)Math.Clamp(Math.Round(raw, MidpointRounding.AwayFromZero), Minimum, Maximum);
            if (seen.Add(value))
                values.Add(value);
        }
        return values;
    }
}
