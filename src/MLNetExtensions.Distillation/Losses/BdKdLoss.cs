using static TorchSharp.torch;

namespace MLNetExtensions.Distillation.Losses;

/// <summary>
/// BD-KD, balanced divergence distillation (Amara et al.), student loss of the offline mode:
/// delta_i = H(p_s,i^T) - H(p_t,i^T), w_r,i = sigmoid(kappa delta_i) (or 1[delta_i &gt; 0] with the hard gate),
/// w_f,i = 1 - w_r,i, and L_i = CE(y_i, p_s,i) + alpha T^2 [w_f,i KL(p_t,i^T || p_s,i^T) + w_r,i KL(p_s,i^T || p_t,i^T)].
/// A student less sure than its teacher (delta &gt; 0) leans on the mode-seeking reverse KL, a student surer than
/// its teacher on the mass-covering forward KL. The paper's exact weighting was not recoverable; this is the
/// specification's reconstruction (shared/specs/distillation.md).
/// </summary>
public sealed class BdKdLoss : IDistillationLoss
{
    /// <summary>Creates the loss.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Temperature not positive, alpha negative, or kappa negative or not finite.</exception>
    public BdKdLoss(double temperature, double alpha, double kappa, bool hardGate)
    {
        TemperedDistributions.CheckTemperature(temperature);
        if (!(alpha >= 0) || !double.IsFinite(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be non-negative and finite.");
        if (!(kappa >= 0) || !double.IsFinite(kappa))
            throw new ArgumentOutOfRangeException(nameof(kappa), kappa, "Kappa must be non-negative and finite.");
        Temperature = temperature;
        Alpha = alpha;
        Kappa = kappa;
        HardGate = hardGate;
    }

    /// <summary>Softmax temperature T of both divergences and of the entropies.</summary>
    public double Temperature { get; }

    /// <summary>Weight of the divergence term (the hard-label CE has weight 1).</summary>
    public double Alpha { get; }

    /// <summary>Slope of the sigmoid gate on the entropy gap (ignored with <see cref="HardGate"/>).</summary>
    public double Kappa { get; }

    /// <summary>Use w_r = 1[delta &gt; 0] instead of the sigmoid.</summary>
    public bool HardGate { get; }

    /// <summary>
    /// The reverse-KL weights w_r,i, [N], without gradient: the gate chooses the mix of divergences and is not itself
    /// an objective (a gradient through it would let the student move its entropy to change the mix).
    /// </summary>
    public Tensor ReverseWeights(Tensor studentLogits, Tensor teacherLogits)
    {
        TemperedDistributions.CheckShapes(studentLogits, teacherLogits);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var delta = TemperedDistributions.Entropy(studentLogits.detach(), Temperature) - TemperedDistributions.Entropy(teacherLogits.detach(), Temperature);
        var weights = HardGate ? delta.gt(0).to_type(delta.dtype) : sigmoid(delta * Kappa);
        return weights.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public Tensor PerSample(Tensor studentLogits, Tensor teacherLogits, Tensor labels)
    {
        TemperedDistributions.CheckShapes(studentLogits, teacherLogits);
        using var scope = NewDisposeScope();
        var reverseWeight = ReverseWeights(studentLogits, teacherLogits);
        var ce = TemperedDistributions.CrossEntropy(studentLogits, labels);
        var forward = TemperedDistributions.KlDivergence(teacherLogits, studentLogits, Temperature);
        var reverse = TemperedDistributions.KlDivergence(studentLogits, teacherLogits, Temperature);
        var mixed = (1 - reverseWeight) * forward + reverseWeight * reverse;
        return (ce + Alpha * Temperature * Temperature * mixed).MoveToOuterDisposeScope();
    }
}
