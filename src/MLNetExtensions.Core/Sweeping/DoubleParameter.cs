using System.Globalization;

namespace MLNetExtensions.Sweeping;

/// <summary>
/// A real-valued search parameter on a linear or log scale. Its values are doubles; they can set
/// <see cref="double"/> or <see cref="float"/> members (nullable ones too).
/// </summary>
public sealed class DoubleParameter : SearchParameter
{
    internal DoubleParameter(double minimum, double maximum, bool isLogScale)
    {
        Minimum = minimum;
        Maximum = maximum;
        IsLogScale = isLogScale;
    }

    /// <summary>The smallest value.</summary>
    public double Minimum { get; }

    /// <summary>The largest value.</summary>
    public double Maximum { get; }

    /// <summary>Whether the logarithm of the value, rather than the value, is spread evenly.</summary>
    public bool IsLogScale { get; }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"{(IsLogScale ? "LogUniform" : "Uniform")}({Minimum}, {Maximum})");

    internal override string? FindDefinitionError()
    {
        if (!double.IsFinite(Minimum) || !double.IsFinite(Maximum))
            return $"bounds must be finite, got {this}";
        if (Minimum >= Maximum)
            return $"minimum must be below maximum, got {this}";
        if (IsLogScale && Minimum <= 0)
            return $"log-scale bounds must be positive, got {this}";
        return null;
    }

    internal override string? FindMemberTypeError(Type memberType) =>
        ValueConversion.CanConvert(typeof(double), memberType)
            ? null
            : $"a {this} parameter produces doubles, which cannot set a member of type {TypeNames.Display(memberType)}";

    internal override object? Sample(Random random)
    {
        double u = random.NextDouble();
        double value = IsLogScale
            ? Math.Exp(Math.Log(Minimum) + u * (Math.Log(Maximum) - Math.Log(Minimum)))
            : Minimum + u * (Maximum - Minimum);
        // Exp/Log round-off can step just outside the bounds.
        return Math.Clamp(value, Minimum, Maximum);
    }

    internal override IReadOnlyList<object?> GridValues(int points)
    {
        var values = new object?[points];
        for (int i = 0; i < points; i++)
        {
            double t = (double)i / (points - 1);
            values[i] = i == 0 ? Minimum
                : i == points - 1 ? Maximum // exact ends, whatever the scale
                : IsLogScale ? Math.Exp(Math.Log(Minimum) + t * (Math.Log(Maximum) - Math.Log(Minimum)))
                : Minimum + t * (Maximum - Minimum);
        }
        return values;
    }
}
