using MLNetExtensions.Fairness.Metrics;
using MLNetExtensions.Fairness.Penalties;
using MLNetExtensions.Models;
using MLNetExtensions.Trainers;
using MLNetExtensions.Training;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetExtensions.Fairness.Trainers;

/// <summary>
/// The loss the fair trainers hand to Core's <see cref="TorchMlpTrainer.WithLoss"/>: the task loss plus
/// <c>lambda * R(output, Z)</c>. The protected attributes, their group ids and the log exposure arrive as one extra
/// float column laid out <c>[Z (attribute width) | group id | log exposure]</c>, encoded before training with the
/// training rows' levels and scales. The penalty sees the predicted probability (binary), the class probabilities
/// (multiclass), the standardised prediction (regression) or the log rate less its starting value (Poisson).
/// </summary>
internal static class FairMlpLoss
{
    /// <summary>Name of the extra column that carries the encoded protected attributes into Core's trainer.</summary>
    public const string ExtrasColumnName = "FairTrainer.ProtectedExtras";

    /// <summary>Width of the extra column for <paramref name="attributeWidth"/> encoded attribute values.</summary>
    public static int ExtrasWidth(int attributeWidth) => attributeWidth + 2;

    public static MlpCustomLoss Create(MlpTask task, FairnessPenalty? penalty, double lambda, int attributeWidth) =>
        new(new[] { ExtrasColumnName }, (network, batch) =>
        {
            using var scope = NewDisposeScope();
            var output = network.forward(batch.Features);
            var extras = batch.Extras[0];
            Tensor taskLoss;
            Tensor penaltyInput;
            switch (task)
            {
                case MlpTask.BinaryClassification:
                    taskLoss = batch.WeightedMean(F.binary_cross_entropy_with_logits(output.squeeze(1), batch.Labels!, reduction: nn.Reduction.None));
                    penaltyInput = sigmoid(output);
                    break;
                case MlpTask.MulticlassClassification:
                    taskLoss = batch.WeightedMean(F.cross_entropy(output, batch.Labels!.to_type(ScalarType.Int64), reduction: nn.Reduction.None));
                    penaltyInput = F.softmax(output, 1);
                    break;
                case MlpTask.PoissonRegression:
                    // The output plus the output layer's shift (the overall log rate) is the log rate; the penalty sees
                    // the output (the log rate less a constant: monotone in the rate, free of the exposure).
                    taskLoss = PoissonLoss.Compute(batch, output.squeeze(1) + network.OutputShift, batch.Labels!, extras.select(1, attributeWidth + 1));
                    penaltyInput = output;
                    break;
                default:
                    // The network learns the standardised target; its output layer rescales at prediction time.
                    var target = (batch.Labels! - network.OutputShift) / network.OutputScale;
                    taskLoss = batch.WeightedMean((output.squeeze(1) - target).square());
                    penaltyInput = output;
                    break;
            }
            // Without a penalty (lambda 0) it is not computed at all. A final batch smaller than the U-statistic's
            // 4 rows only contributes its task loss.
            if (penalty is null || batch.Count < UCentredDistance.MinimumRows)
                return taskLoss.MoveToOuterDisposeScope();
            var attributes = extras.narrow(1, 0, attributeWidth);
            var groups = extras.select(1, attributeWidth).to_type(ScalarType.Int64);
            return (taskLoss + lambda * penalty.Compute(penaltyInput, attributes, groups)).MoveToOuterDisposeScope();
        });
}
