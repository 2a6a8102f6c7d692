using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetExtensions.Tests.Core;

/// <summary>Small generated data sets with known structure.</summary>
public static class TestData
{
    public sealed class BinaryRow
    {
        [VectorType(4)] public float[] Features { get; set; } = Array.Empty<float>();
        public bool Label { get; set; }
    }

    public sealed class FloatLabelRow
    {
        [VectorType(4)] public float[] Features { get; set; } = Array.Empty<float>();
        public float Label { get; set; }
        public float Weight { get; set; } = 1;
    }

    public sealed class StringLabelRow
    {
        [VectorType(4)] public float[] Features { get; set; } = Array.Empty<float>();
        public string Label { get; set; } = "";
    }

    /// <summary>
    /// A ring: label is true inside radius 1 of the first two features (two more are noise). No linear
    /// classifier can do much better than chance on it; a small MLP separates it almost perfectly.
    /// </summary>
    public static List<BinaryRow> Ring(int n, int seed)
    {
        var random = new Random(seed);
        var rows = new List<BinaryRow>(n);
        for (int i = 0; i < n; i++)
        {
            float a = (float)(random.NextDouble() * 3 - 1.5), b = (float)(random.NextDouble() * 3 - 1.5);
            rows.Add(new BinaryRow
            {
                Features = new[] { a, b, (float)random.NextDouble(), (float)random.NextDouble() },
                Label = a * a + b * b < 1.0,
            });
        }
        return rows;
    }

    /// <summary>y = sin(2 x0) + x1^2 + 0.05 noise.</summary>
    public static List<FloatLabelRow> Wave(int n, int seed)
    {
        var random = new Random(seed);
        var rows = new List<FloatLabelRow>(n);
        for (int i = 0; i < n; i++)
        {
            float a = (float)(random.NextDouble() * 4 - 2), b = (float)(random.NextDouble() * 2 - 1);
            rows.Add(new FloatLabelRow
            {
                Features = new[] { a, b, (float)random.NextDouble(), (float)random.NextDouble() },
                Label = (float)(Math.Sin(2 * a) + b * b + 0.05 * (random.NextDouble() - 0.5)),
            });
        }
        return rows;
    }

    /// <summary>Three classes by the angle of (x0, x1).</summary>
    public static List<StringLabelRow> Sectors(int n, int seed)
    {
        var random = new Random(seed);
        var rows = new List<StringLabelRow>(n);
        for (int i = 0; i < n; i++)
        {
            float a = (float)(random.NextDouble() * 2 - 1), b = (float)(random.NextDouble() * 2 - 1);
            double angle = Math.Atan2(b, a) + Math.PI;
            string label = angle < 2 * Math.PI / 3 ? "red" : angle < 4 * Math.PI / 3 ? "green" : "blue";
            rows.Add(new StringLabelRow { Features = new[] { a, b, (float)random.NextDouble(), 0.5f }, Label = label });
        }
        return rows;
    }
}
