using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetExtensions.Tests.Calibration.Calibrators;

/// <summary>Generated scores with known calibration for the calibrator tests.</summary>
public static class CalibrationTestData
{
    public sealed class ScoreRow
    {
        public float Score { get; set; }
        public bool Label { get; set; }
    }

    public sealed class ProbabilityRow
    {
        public float Probability { get; set; }
        public float Label { get; set; }
    }

    public sealed class MulticlassRow
    {
        [VectorType(3)] public float[] Score { get; set; } = Array.Empty<float>();
        /// <summary>0-based class index: ML.NET's enumerable loader stores key k as k + 1.</summary>
        [KeyType(3)] public uint Label { get; set; }
    }

    /// <summary>Logits z ~ N(0, 3^2); labels ~ Bernoulli(sigmoid(z / temperature)), so the true temperature is known.</summary>
    public static List<ScoreRow> TemperatureLogits(int n, double temperature, int seed)
    {
        var random = new Random(seed);
        var rows = new List<ScoreRow>(n);
        for (int i = 0; i < n; i++)
        {
            double z = 3 * Normal(random);
            rows.Add(new ScoreRow { Score = (float)z, Label = random.NextDouble() < 1 / (1 + Math.Exp(-z / temperature)) });
        }
        return rows;
    }

    /// <summary>Three-class logits z ~ N(0, 2^2) per class; label ~ softmax(z / temperature). Scores are given as probabilities softmax(z).</summary>
    public static List<MulticlassRow> MulticlassTemperature(int n, double temperature, int seed)
    {
        var random = new Random(seed);
        var rows = new List<MulticlassRow>(n);
        for (int i = 0; i < n; i++)
        {
            var z = new double[3];
            for (int k = 0; k < 3; k++) z[k] = 2 * Normal(random);
            var truth = Softmax(z.Select(v => v / temperature).ToArray());
            double u = random.NextDouble();
            int label = u < truth[0] ? 0 : u < truth[0] + truth[1] ? 1 : 2;
            rows.Add(new MulticlassRow { Score = Softmax(z).Select(p => (float)p).ToArray(), Label = (uint)label });
        }
        return rows;
    }

    /// <summary>A key-typed label for <see cref="MulticlassRow"/> (3 classes).</summary>
    public static IDataView LoadMulticlass(MLContext ml, IEnumerable<MulticlassRow> rows)
    {
        return ml.Data.LoadFromEnumerable(rows);
    }

    public static double[] Softmax(double[] z)
    {
        double max = z.Max();
        var e = z.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Mean binary log loss of probabilities (clipped to [1e-15, 1 - 1e-15]).</summary>
    public static double LogLoss(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels)
    {
        double sum = 0;
        for (int i = 0; i < probabilities.Count; i++)
        {
            double p = Math.Clamp(probabilities[i], 1e-15, 1 - 1e-15);
            sum -= labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }
        return sum / probabilities.Count;
    }
}
