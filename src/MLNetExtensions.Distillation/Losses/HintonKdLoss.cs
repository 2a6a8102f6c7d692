using static TorchSharp.torch;

namespace MLNetExtensions.Distillation.Losses;

/// <summary>
/// Hinton et al. (2015): L_i = (1 - alpha) CE(y_i, p_s,i) + alpha T^2 KL(p_t,i^T || p_s,i^T). The T^2 factor keeps the
/// soft term's gradient scale independent of T. alpha = 0 is plain cross-entropy; alpha = 1 ignores the labels.
/// </summary>
public sealed class HintonKdLoss : IDistillationLoss
{
    /// <summary>Creates the loss.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Temperature not positive, or alpha outside [0, 1].</exception>
    public HintonKdLoss(double temperature, double alpha)
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
        var kl = TemperedDistributions.KlDivergence(teacherLogits, studentLogits, Temperature);
        return ((1 - Alpha) * ce + Alpha * Temperature * Temperature * kl).MoveToOuterDisposeScope();
    }
}
