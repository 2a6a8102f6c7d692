using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetExtensions.Tests.Fairness.Online;

/// <summary>
/// A generated biased stream: group A (Boolean, half the rows) raises the label's logit by 1.5 and leaks into a proxy
/// feature (1.5 A + N(0, 0.5²)); Features = [x1, x2, proxy, noise], y ~ Bernoulli(sigmoid(1.5 x1 + x2 + 1.5 A - 0.75)).
/// A model that uses the proxy predicts positives more often for A: a demographic-parity gap.
/// </summary>
internal static class BiasedStream
{
    public sealed class Row
    {
        public bool Label { get; set; }

        [VectorType(4)]
        public float[] Features { get; set; } = Array.Empty<float>();

        public bool Group { get; set; }
    }

    public static Row[] Rows(int count, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var rows = new Row[count];
        for (int i = 0; i < count; i++)
        {
            bool a = random.NextDouble() < 0.5;
            double x1 = Normal(), x2 = Normal();
            double proxy = 1.5 * (a ? 1 : 0) + 0.5 * Normal();
            double logit = 1.5 * x1 + x2 + 1.5 * (a ? 1 : 0) - 0.75;
            rows[i] = new Row
            {
                Label = random.NextDouble() < 1 / (1 + Math.Exp(-logit)),
                Features = new[] { (float)x1, (float)x2, (float)proxy, (float)Normal() },
                Group = a,
            };
        }
        return rows;
    }

    public static IDataView Load(MLContext ml, int count, int seed) => ml.Data.LoadFromEnumerable(Rows(count, seed));
}
