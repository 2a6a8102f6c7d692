namespace MLNetExtensions.Debiasing.Evaluation;

/// <summary>A per-pair loss of a predicted probability against a 0/1 label (the quantity debiased estimators average).</summary>
public abstract class PointwiseLoss
{
    /// <summary>Squared error (p - y)^2.</summary>
    public static PointwiseLoss SquaredError { get; } = new SquaredErrorLoss();

    /// <summary>Binary cross-entropy -[y log p + (1 - y) log(1 - p)].</summary>
    public static PointwiseLoss CrossEntropy { get; } = new CrossEntropyLoss();

    /// <summary>Short name.</summary>
    public abstract string Name { get; }

    /// <summary>The loss of <paramref name="probability"/> (in [0, 1]) against <paramref name="label"/>.</summary>
    public abstract double Value(double probability, float label);

    /// <summary>Throws unless <paramref name="probability"/> is in [0, 1].</summary>
    protected static void CheckProbability(double probability)
    {
        if (!(probability >= 0 && probability <= 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Predictions must be probabilities in [0, 1].");
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
