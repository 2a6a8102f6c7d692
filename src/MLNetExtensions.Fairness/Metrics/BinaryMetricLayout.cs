namespace MLNetExtensions.Fairness.Metrics;

/// <summary>The binary metrics, their order in tables, and their formulas from confusion counts.</summary>
internal static class BinaryMetricLayout
{
    public static readonly string[] Names =
    {
        FairnessMetricNames.SelectionRate, FairnessMetricNames.TruePositiveRate, FairnessMetricNames.FalsePositiveRate,
        FairnessMetricNames.TrueNegativeRate, FairnessMetricNames.FalseNegativeRate, FairnessMetricNames.Accuracy,
        FairnessMetricNames.Auc, FairnessMetricNames.LogLoss, FairnessMetricNames.MeanPrediction,
    };

    public const int SelectionRate = 0, Tpr = 1, Fpr = 2, Tnr = 3, Fnr = 4, Accuracy = 5, Auc = 6, LogLoss = 7, MeanPrediction = 8;

    public static void Compute(double tn, double fp, double fn, double tp, double outputSum, double logLossSum, double auc, bool hasProbability, Span<double> m)
    {
        double n = tn + fp + fn + tp, positives = tp + fn, negatives = tn + fp;
        m[SelectionRate] = n > 0 ? (tp + fp) / n : double.NaN;
        // A group with one class only has no TPR/FNR (no positives) or no FPR/TNR (no negatives): NaN here,
        // excluded from min/max with a warning by MetricSummary.
        m[Tpr] = positives > 0 ? tp / positives : double.NaN;
        m[Fnr] = positives > 0 ? fn / positives : double.NaN;
        m[Fpr] = negatives > 0 ? fp / negatives : double.NaN;
        m[Tnr] = negatives > 0 ? tn / negatives : double.NaN;
        m[Accuracy] = n > 0 ? (tp + tn) / n : double.NaN;
        m[Auc] = auc;
        m[LogLoss] = hasProbability && n > 0 ? logLossSum / n : double.NaN;
        m[MeanPrediction] = n > 0 ? outputSum / n : double.NaN;
    }
}
