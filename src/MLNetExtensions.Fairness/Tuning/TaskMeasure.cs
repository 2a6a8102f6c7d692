namespace MLNetExtensions.Fairness.Tuning;

/// <summary>The task metric of a lambda calibration, on validation data.</summary>
public enum TaskMeasure
{
    /// <summary>Binary accuracy (higher is better).</summary>
    Accuracy,

    /// <summary>Binary area under the ROC curve (higher is better).</summary>
    Auc,

    /// <summary>Regression mean squared error (lower is better).</summary>
    Mse,
}
