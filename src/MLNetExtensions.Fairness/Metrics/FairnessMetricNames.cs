namespace MLNetExtensions.Fairness.Metrics;

/// <summary>The names of the disaggregated metrics (as in the tables and the JSON; Fairlearn's spelling).</summary>
public static class FairnessMetricNames
{
    /// <summary>Share of rows predicted positive: (TP + FP) / n.</summary>
    public const string SelectionRate = "selection_rate";

    /// <summary>True positive rate (recall): TP / (TP + FN); undefined for a group without positive labels.</summary>
    public const string TruePositiveRate = "tpr";

    /// <summary>False positive rate: FP / (FP + TN); undefined for a group without negative labels.</summary>
    public const string FalsePositiveRate = "fpr";

    /// <summary>True negative rate: TN / (FP + TN); undefined for a group without negative labels.</summary>
    public const string TrueNegativeRate = "tnr";

    /// <summary>False negative rate: FN / (TP + FN); undefined for a group without positive labels.</summary>
    public const string FalseNegativeRate = "fnr";

    /// <summary>Accuracy: (TP + TN) / n.</summary>
    public const string Accuracy = "accuracy";

    /// <summary>Area under the ROC curve of the score (ties count one half); needs a score; undefined for a one-class group.</summary>
    public const string Auc = "auc";

    /// <summary>Mean binary cross-entropy of the probability (natural log, probabilities clipped to [1e-15, 1 - 1e-15]).</summary>
    public const string LogLoss = "log_loss";

    /// <summary>Mean absolute error (regression).</summary>
    public const string MeanAbsoluteError = "mae";

    /// <summary>Mean squared error (regression).</summary>
    public const string MeanSquaredError = "mse";

    /// <summary>Mean of the model output (score, else probability, else prediction).</summary>
    public const string MeanPrediction = "mean_prediction";
}
