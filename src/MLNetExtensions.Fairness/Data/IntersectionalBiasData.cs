using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetExtensions.Fairness.Data;

/// <summary>
/// A synthetic binary task whose bias sits in an INTERSECTION: two independent binary protected attributes A and B
/// (each true with probability 1/2); the rows with A and B both true get a much lower chance of a positive label,
/// while A or B alone matters little. A proxy feature leaks the intersection (and, weakly, each attribute), so a
/// model that never sees A or B still learns the bias from it.
/// <code>
/// logit P(Label) = 0.4 + 1.2 x1 + 0.8 x2 - 0.6 x3 + MainEffect (A + B) - IntersectionEffect (A and B)
/// Proxy = 1.5 (A and B) + 0.3 A + 0.3 B + N(0, ProxyNoise^2);   x1, x2, x3 ~ N(0, 1)
/// </code>
/// Features = [x1, x2, x3, Proxy]; A and B are Boolean columns (not in Features); Group is "A=..,B=..".
/// </summary>
public static class IntersectionalBiasData
{
    /// <summary>Width of <see cref="Row.Features"/>.</summary>
    public const int FeatureCount = 4;

    /// <summary>One generated row.</summary>
    public sealed class Row
    {
        /// <summary>[x1, x2, x3, Proxy].</summary>
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = new float[FeatureCount];

        /// <summary>The binary label.</summary>
        public bool Label { get; set; }

        /// <summary>First protected attribute.</summary>
        public bool A { get; set; }

        /// <summary>Second protected attribute.</summary>
        public bool B { get; set; }

        /// <summary>The intersectional group as text, e.g. "A=1,B=0".</summary>
        public string Group { get; set; } = "";
    }

    /// <summary>Generates <paramref name="rows"/> rows from <paramref name="seed"/> (same seed, same rows).</summary>
    /// <param name="rows">Number of rows (positive).</param>
    /// <param name="seed">Seed of the generator.</param>
    /// <param name="intersectionEffect">How much lower the logit is when A and B are both true (default 2.5).</param>
    /// <param name="mainEffect">Logit shift per attribute on its own (default 0.2).</param>
    /// <param name="proxyNoise">Standard deviation of the proxy's noise (default 0.5).</param>
    public static List<Row> Generate(int rows, int seed, double intersectionEffect = 2.5, double mainEffect = 0.2, double proxyNoise = 0.5)
    {
        if (rows <= 0)
            throw new ArgumentOutOfRangeException(nameof(rows), rows, "The number of rows must be positive.");
        if (!double.IsFinite(intersectionEffect) || !double.IsFinite(mainEffect) || !(proxyNoise >= 0) || !double.IsFinite(proxyNoise))
            throw new ArgumentOutOfRangeException(nameof(intersectionEffect), "The effects must be finite and proxyNoise non-negative.");
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var result = new List<Row>(rows);
        for (int i = 0; i < rows; i++)
        {
            bool a = random.NextDouble() < 0.5, b = random.NextDouble() < 0.5;
            double both = a && b ? 1 : 0;
            double x1 = Normal(), x2 = Normal(), x3 = Normal();
            double proxy = 1.5 * both + 0.3 * (a ? 1 : 0) + 0.3 * (b ? 1 : 0) + proxyNoise * Normal();
            double logit = 0.4 + 1.2 * x1 + 0.8 * x2 - 0.6 * x3 + mainEffect * ((a ? 1 : 0) + (b ? 1 : 0)) - intersectionEffect * both;
            bool label = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
            result.Add(new Row
            {
                Features = new[] { (float)x1, (float)x2, (float)x3, (float)proxy },
                Label = label,
                A = a,
                B = b,
                Group = $"A={(a ? 1 : 0)},B={(b ? 1 : 0)}",
            });
        }
        return result;
    }

    /// <summary>The generated rows as an <see cref="IDataView"/> (columns Features, Label, A, B, Group).</summary>
    public static IDataView Load(MLContext mlContext, int rows, int seed, double intersectionEffect = 2.5, double mainEffect = 0.2, double proxyNoise = 0.5)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return mlContext.Data.LoadFromEnumerable(Generate(rows, seed, intersectionEffect, mainEffect, proxyNoise));
    }
}
