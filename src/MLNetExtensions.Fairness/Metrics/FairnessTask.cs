namespace MLNetExtensions.Fairness.Metrics;

/// <summary>The kind of model whose predictions are audited.</summary>
public enum FairnessTask
{
    /// <summary>Binary classification: 0/1 (or Boolean) labels and predicted labels, optional score and probability.</summary>
    BinaryClassification,

    /// <summary>Regression: numeric labels and predictions.</summary>
    Regression,
}
