using static TorchSharp.torch;

namespace MLNetExtensions.Distillation.Losses;

/// <summary>
/// The shape shared by <see cref="HintonKdLoss"/> and <see cref="ReverseKlLoss"/>:
/// L_i = (1 - alpha) CE(y_i, p_s,i) + alpha T^2 KL(. || .) between the tempered student and teacher distributions.
/// The T^2 factor keeps the soft term's gradient scale independent of T. The subclasses choose the KL direction.
/// </summary>
public abstract class TemperedKlLoss : IDistillationLoss
{
    /// <summary>Checks and stores the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Temperature not positive, or alpha outside [0, 1].</exception>
    private protected TemperedKlLoss(double temperature, double alpha)
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

    /// <summary>True for KL(p_s || p_t) (reverse), false for KL(p_t || p_s) (forward, Hinton).</summary>
    private protected abstract bool StudentFirst { get; }

    /// <inheritdoc/>
    public Tensor PerSample(Tensor studentLogits, Tensor teacherLogits, Tensor labels)
    {
        TemperedDistributions.CheckShapes(studentLogits, teacherLogits);
        using var scope = NewDisposeScope();
        var ce = TemperedDistributions.CrossEntropy(studentLogits, labels);
        var kl = StudentFirst
            ? TemperedDistributions.KlDivergence(studentLogits, teacherLogits, Temperature)
            : TemperedDistributions.KlDivergence(teacherLogits, studentLogits, Temperature);
        return ((1 - Alpha) * ce + Alpha * Temperature * Temperature * kl).MoveToOuterDisposeScope();
    }
}
