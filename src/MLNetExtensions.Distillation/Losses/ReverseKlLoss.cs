namespace MLNetExtensions.Distillation.Losses;

/// <summary>
/// Reverse-KL distillation: L_i = (1 - alpha) CE(y_i, p_s,i) + alpha T^2 KL(p_s,i^T || p_t,i^T). Reverse KL is
/// mode-seeking: the student is penalised for mass where the teacher has little, not for missing teacher mass.
/// Same hard term and scaling as <see cref="HintonKdLoss"/>, so the two differ only in the direction of the KL.
/// </summary>
public sealed class ReverseKlLoss : TemperedKlLoss
{
    /// <summary>Creates the loss.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Temperature not positive, or alpha outside [0, 1].</exception>
    public ReverseKlLoss(double temperature, double alpha)
        : base(temperature, alpha)
    {
    }

    private protected override bool StudentFirst => true;
}
