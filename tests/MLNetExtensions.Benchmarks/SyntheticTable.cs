using Microsoft.ML.Data;

namespace MLNetExtensions.Benchmarks;

/// <summary>The reference workload of docs/benchmarks.md: 20 features, a nonlinear binary label.</summary>
public static class SyntheticTable
{
    public const int FeatureCount = 20;

    public sealed class Row
    {
        [VectorType(FeatureCount)] public float[] Features { get; set; } = Array.Empty<float>();
        public bool Label { get; set; }
    }

    public static Row[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new Row[count];
        for (int i = 0; i < count; i++)
        {
            var f = new float[FeatureCount];
            for (int j = 0; j < FeatureCount; j++)
                f[j] = (float)(random.NextDouble() * 2 - 1);
            rows[i] = new Row { Features = f, Label = f[0] * f[1] + 0.5 * Math.Sin(3 * f[2]) > 0 };
        }
        return rows;
    }
}
