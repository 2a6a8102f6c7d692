namespace MLNetExtensions.Debiasing.Evaluation;

/// <summary>Squared error on the probability scale, (p - y)^2 (the MSE the spec reports).</summary>
public sealed class SquaredErrorLoss : PointwiseLoss
{
    /// <inheritdoc/>
    public override string Name => "squared_error";

    /// <inheritdoc/>
    public override double Value(double probability, float label)
    {
        CheckProbability(probability);
        double d = probability - label;
        return d * d;
    }
}
