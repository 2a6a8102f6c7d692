using Microsoft.ML.Data;

namespace MLNetExtensions.Showcase;

/// <summary>
/// Generated binary task with known ground truth: the label is whether (x0, x1) lies inside the unit circle,
/// flipped with probability <see cref="LabelNoise"/>; x2..x7 are pure noise. The Bayes-optimal accuracy is
/// therefore 1 - LabelNoise, and no linear model can beat chance by much.
/// </summary>
public static class NonlinearBinaryData
{
    /// <summary>Number of features.</summary>
    public const int FeatureCount = 8;

    /// <summary>Probability that a label is flipped.</summary>
    public const double LabelNoise = 0.05;

    /// <summary>A generated row.</summary>
    public sealed class Row
    {
        /// <summary>The features.</summary>
        [VectorType(FeatureCount)] public float[] Features { get; set; } = Array.Empty<float>();

        /// <summary>The (noisy) label.</summary>
        public bool Label { get; set; }
    }

    /// <summary>Generates <paramref name="count"/> rows from <paramref name="seed"/>.</summary>
    public static List<Row> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<Row>(count);
        for (int i = 0; i < count; i++)
        {
            var features = UniformFeatures.Draw(random, FeatureCount);
            bool inside = features[0] * features[0] + features[1] * features[1] < 1.0;
            rows.Add(new Row { Features = features, Label = random.NextDouble() < LabelNoise ? !inside : inside });
        }
        return rows;
    }
}
