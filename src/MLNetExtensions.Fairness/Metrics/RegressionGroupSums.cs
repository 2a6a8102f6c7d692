namespace MLNetExtensions.Fairness.Metrics;

/// <summary>Per-group sums for regression (count, |error|, error^2, prediction), accumulated in one pass over dense group ids.</summary>
internal sealed class RegressionGroupSums
{
    public static readonly string[] Names =
        { FairnessMetricNames.MeanAbsoluteError, FairnessMetricNames.MeanSquaredError, FairnessMetricNames.MeanPrediction };

    private RegressionGroupSums(int groupCount)
    {
        Count = new double[groupCount];
        AbsoluteError = new double[groupCount];
        SquaredError = new double[groupCount];
        Prediction = new double[groupCount];
    }

    public double[] Count { get; }
    public double[] AbsoluteError { get; }
    public double[] SquaredError { get; }
    public double[] Prediction { get; }

    public static RegressionGroupSums Accumulate(int[] groups, int groupCount, double[] labels, double[] predictions, int[]? weights)
    {
        var s = new RegressionGroupSums(groupCount);
        for (int i = 0; i < groups.Length; i++)
        {
            double w = weights is null ? 1 : weights[i];
            if (w == 0) continue;
            int g = groups[i];
            double e = predictions[i] - labels[i];
            s.Count[g] += w;
            s.AbsoluteError[g] += w * Math.Abs(e);
            s.SquaredError[g] += w * e * e;
            s.Prediction[g] += w * predictions[i];
        }
        return s;
    }

    /// <summary>MAE, MSE and mean prediction of group <paramref name="g"/>.</summary>
    public void Metrics(int g, Span<double> m) => Compute(Count[g], AbsoluteError[g], SquaredError[g], Prediction[g], m);

    /// <summary>MAE, MSE and mean prediction of all rows.</summary>
    public void OverallMetrics(Span<double> m) => Compute(Count.Sum(), AbsoluteError.Sum(), SquaredError.Sum(), Prediction.Sum(), m);

    private static void Compute(double n, double abs, double sq, double prediction, Span<double> m)
    {
        m[0] = n > 0 ? abs / n : double.NaN;
        m[1] = n > 0 ? sq / n : double.NaN;
        m[2] = n > 0 ? prediction / n : double.NaN;
    }
}
