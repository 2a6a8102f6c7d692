namespace MLNetExtensions.Distillation.Losses;

/// <summary>
/// Hinton et al. (2015): L_i = (1 - alpha) CE(y_i, p_s,i) + alpha T^2 KL(p_t,i^T || p_s,i^T).
/// alpha = 0 is plain cross-entropy; alpha = 1 ignores the labels.
/// </summary>
public sealed class HintonKdLoss : TemperedKlLoss
{
    /// <summary>Creates the loss.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Temperature not positive, or alpha outside [0, 1].</exception>
    public HintonKdLoss(double temperature, double alpha)
        : base(temperature, alpha)
    {
    }

    private protected override bool StudentFirst => false;
}
