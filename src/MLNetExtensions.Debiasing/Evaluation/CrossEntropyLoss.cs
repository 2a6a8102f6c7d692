namespace MLNetExtensions.Debiasing.Evaluation;

/// <summary>
/// Binary cross-entropy. Each log term is floored at -100, as PyTorch's BCELoss does, so a confident wrong
/// prediction costs 100 instead of infinity.
/// </summary>
public sealed class CrossEntropyLoss : PointwiseLoss
{
    /// <inheritdoc/>
    public override string Name => "cross_entropy";

    /// <inheritdoc/>
    public override double Value(double probability, float label)
    {
        CheckProbability(probability);
        double logP = Math.Max(Math.Log(probability), -100.0);
        double log1P = Math.Max(Math.Log(1.0 - probability), -100.0);
        return -(label * logP + (1.0 - label) * log1P);
    }
}
