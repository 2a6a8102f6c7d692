using static TorchSharp.torch;

namespace MLNetExtensions.Distillation.Losses;

/// <summary>
/// A distillation loss on logits. Shapes: student and teacher logits [N, K] (binary tasks as two classes [0, z],
/// see <see cref="BinaryLogits"/>), labels [N] int64 class indices. Returns one value per sample ([N]) so the
/// caller chooses the reduction (weighted mean in training, per-sample for MTARD/online variants).
/// The teacher logits are used as given: pass a detached tensor when the teacher must not learn.
/// </summary>
public interface IDistillationLoss
{
    /// <summary>The per-sample loss, [N].</summary>
    Tensor PerSample(Tensor studentLogits, Tensor teacherLogits, Tensor labels);
}
