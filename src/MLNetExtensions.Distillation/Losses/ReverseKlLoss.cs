using static TorchSharp.torch;

namespace MLNetExtensions.Distillation.Losses;

/// <summary>
/// Reverse-KL distillation: L_i = (1 - alpha) CE(y_i, p_s,i) + alpha T^2 KL(p_s,i^T || p_t,i^T). Reverse KL is
/// mode-seeking: the student is penalised for mass where the teacher has little, not for missing teacher mass.
/// Same hard term and scaling as <see cref="HintonKdLoss"/>, so the two differ only in the direction of the KL.
/// </summary>
public sealed class ReverseKlLoss : IDistillationLoss
{
    /// <summary>Creates the loss.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Temperature not positive, or alpha outside [0, 1].</exception>
    public ReverseKlLoss(double temperature, double alpha)
    {
        TemperedDistributions.CheckTemperature(temperature);
        if (!(alpha >= 0 && alpha <= 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be in [0, 1].");
        Temperature = temperature;
        Alpha = alpha;
    }

    /// <summary>Softmax temperature T of the soft term.</summary>
    public double Temperature { get; }

    /// <summary>Weight of the soft term.</summary>
    public double Alpha { get; }

    /// <inheritdoc/>
    public Tensor PerSample(Tensor studentLogits, Tensor teacherLogits, Tensor labels)
    {
        TemperedDistributions.CheckShapes(studentLogits, teacherLogits);
        using var scope = NewDisposeScope();
        var ce = TemperedDistributions.CrossEntropy(studentLogits, labels);
        var kl = TemperedDistributions.KlDivergence(studentLogits, teacherLogits, Temperature);
        return ((1 - Alpha) * ce + Alpha * Temperature * Temperature * kl).MoveToOuterDisposeScope();
    }
}
