using Microsoft.ML.Data;

namespace MLNetExtensions.Showcase;

/// <summary>
/// Generated binary task whose true probability is known: logit f(x) = 3 (1 - x0^2 - x1^2) + x2, P(y = 1 | x) =
/// sigmoid(f(x)), y ~ Bernoulli(P); x3..x7 are noise. Labels are genuinely uncertain (most true probabilities lie
/// between 0.05 and 0.95), so a flexible model trained long on few rows becomes over-confident, and calibration
/// can be checked against the truth (MSE to the true probability), not only against labels.
/// </summary>
public static class ProbabilisticBinaryData
{
    /// <summary>Number of features.</summary>
    public const int FeatureCount = 8;

    /// <summary>A generated row.</summary>
    public sealed class Row
    {
        /// <summary>The features, uniform on [-1.5, 1.5].</summary>
        [VectorType(FeatureCount)] public float[] Features { get; set; } = Array.Empty<float>();

        /// <summary>The label drawn from <see cref="TrueProbability"/>.</summary>
        public bool Label { get; set; }

        /// <summary>P(y = 1 | x), known because the data are generated.</summary>
        public float TrueProbability { get; set; }
    }

    /// <summary>Generates <paramref name="count"/> rows from <paramref name="seed"/>.</summary>
    public static List<Row> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<Row>(count);
        for (int i = 0; i < count; i++)
        {
            var features = UniformFeatures.Draw(random, FeatureCount);
            double logit = 3 * (1 - features[0] * features[0] - features[1] * features[1]) + features[2];
            double p = 1 / (1 + Math.Exp(-logit));
            rows.Add(new Row { Features = features, Label = random.NextDouble() < p, TrueProbability = (float)p });
        }
        return rows;
    }
}
