namespace MLNetExtensions.Tests.Calibration.Metrics;

/// <summary>Seeded inputs for the property tests: half the probabilities on a 1/20 grid (ties, 0.0, 0.5, 1.0).</summary>
internal static class MetricGenerators
{
    public static (double[] P, float[] Y) Binary(int count, int seed)
    {
        var random = new Random(seed);
        var p = new double[count];
        var y = new float[count];
        for (int i = 0; i < count; i++)
        {
            p[i] = random.Next(2) == 0 ? random.Next(21) / 20.0 : random.NextDouble();
            y[i] = random.NextDouble() < p[i] * 0.8 + 0.1 ? 1f : 0f;
        }
        return (p, y);
    }

    public static (double[] P, int[] Y) Multiclass(int count, int classes, int seed)
    {
        var random = new Random(seed);
        var p = new double[count * classes];
        var y = new int[count];
        for (int i = 0; i < count; i++)
        {
            double sum = 0;
            for (int k = 0; k < classes; k++)
            {
                // Integer weights make exact ties between classes common.
                p[i * classes + k] = random.Next(4);
                sum += p[i * classes + k];
            }
            if (sum == 0)
            {
                p[i * classes] = 1;
                sum = 1;
            }
            for (int k = 0; k < classes; k++)
                p[i * classes + k] /= sum;
            y[i] = random.Next(classes);
        }
        return (p, y);
    }

    public static T[] Shuffle<T>(T[] values, int[] order) => order.Select(i => values[i]).ToArray();

    public static int[] Permutation(int count, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }
}
