using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetExtensions.Distillation.Losses;

/// <summary>
/// Per-sample divergences and entropies of tempered softmax distributions p^T = softmax(z / T), computed from
/// log-softmax (never log of a probability, so saturated logits give finite values). Shared by all losses.
/// </summary>
public static class TemperedDistributions
{
    /// <summary>KL(p^T || q^T) = sum_k p_k (log p_k - log q_k) per sample, [N], natural log.</summary>
    public static Tensor KlDivergence(Tensor pLogits, Tensor qLogits, double temperature)
    {
        CheckShapes(pLogits, qLogits);
        var logP = F.log_softmax(pLogits / temperature, 1);
        var logQ = F.log_softmax(qLogits / temperature, 1);
        return (logP.exp() * (logP - logQ)).sum(1);
    }

    /// <summary>Shannon entropy H(p^T) = -sum_k p_k log p_k per sample, [N], natural log.</summary>
    public static Tensor Entropy(Tensor logits, double temperature)
    {
        var logP = F.log_softmax(logits / temperature, 1);
        return -(logP.exp() * logP).sum(1);
    }

    /// <summary>Hard-label cross-entropy -log softmax(z)_y per sample, [N] (temperature 1, as the hard term of every loss).</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor labels) =>
        F.cross_entropy(logits, labels.to_type(ScalarType.Int64), reduction: nn.Reduction.None);

    internal static void CheckShapes(Tensor student, Tensor teacher)
    {
        if (student.dim() != 2 || !student.shape.SequenceEqual(teacher.shape))
            throw new ArgumentException(
                $"Student and teacher logits must both be [N, K] with the same shape; got [{string.Join(", ", student.shape)}] and [{string.Join(", ", teacher.shape)}].");
    }

    internal static void CheckTemperature(double temperature)
    {
        if (!(temperature > 0) || !double.IsFinite(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be positive and finite.");
    }
}
