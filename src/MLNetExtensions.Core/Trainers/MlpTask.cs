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
    /// <summary>
    /// A non-negative count (Single label) with a log link: the network outputs the log rate and Score is the rate
    /// exp(output) per unit of exposure (expected count = Score x exposure). Trained through a loss that knows the
    /// exposure (the fairness family's <c>FairPoissonRegressor</c>); <see cref="TorchMlpTrainer"/> needs a custom loss for it.
    /// </summary>
    PoissonRegression,
}
