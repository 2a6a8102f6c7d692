namespace MLNetExtensions.Debiasing.Evaluation;

/// <summary>
/// The loss of a predictor over ALL user-item pairs (<see cref="Ideal"/>, needs the full truth) and three estimates
/// of it from observed cells only. Bias of an estimator = estimate - ideal.
/// </summary>
/// <param name="Ideal">Mean loss over all pairs against the true labels.</param>
/// <param name="Naive">Mean loss over the observed cells.</param>
/// <param name="Ips">Inverse-propensity estimate: sum over observed of loss / propensity, divided by the pair count.</param>
/// <param name="Snips">Self-normalised IPS: sum of loss / propensity divided by the sum of 1 / propensity.</param>
public sealed record LossEstimates(double Ideal, double Naive, double Ips, double Snips)
{
    /// <summary>Naive - Ideal.</summary>
    public double NaiveBias => Naive - Ideal;

    /// <summary>IPS - Ideal.</summary>
    public double IpsBias => Ips - Ideal;

    /// <summary>SNIPS - Ideal.</summary>
    public double SnipsBias => Snips - Ideal;
}
