namespace MLNetExtensions.Trainers;

/// <summary>The prediction task of a Torch MLP.</summary>
public enum MlpTask
{
    /// <summary>Two classes; outputs Score (logit), Probability and PredictedLabel.</summary>
    BinaryClassification,
    /// <summary>K classes from a key label; outputs Score (K probabilities) and PredictedLabel (key).</summary>
    MulticlassClassification,
    /// <summary>A float target; outputs Score.</summary>
    Regression,
}
