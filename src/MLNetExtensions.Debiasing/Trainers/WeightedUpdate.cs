using MLNetExtensions.Debiasing.Trainers.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Debiasing.Trainers;

/// <summary>One Adam step of the prediction model on a weighted cross-entropy (Naive, IPS, SNIPS, KBIPS's prediction step).</summary>
internal sealed class WeightedUpdate
{
    private readonly FactorModel _model;
    private readonly optim.Optimizer _optimizer;
    private readonly bool _selfNormalized;
    private readonly double _weightDecay;

    public WeightedUpdate(FactorModel model, optim.Optimizer optimizer, bool selfNormalized, double weightDecay)
    {
        _weightDecay = weightDecay;
        _model = model;
        _optimizer = optimizer;
        _selfNormalized = selfNormalized;
    }

    /// <summary>Steps on the batch with <paramref name="weights"/> (detached; null: unweighted) and returns the loss (without the L2 penalty).</summary>
    public double Step(ObservedBatch batch, Tensor? weights)
    {
        _optimizer.zero_grad();
        var rowLosses = CrossEntropy.PerRow(_model.Logits(batch.Users, batch.Items), batch.Labels);
        var loss = _selfNormalized ? PropensityWeightedLoss.SelfNormalized(rowLosses, weights!) : PropensityWeightedLoss.Mean(rowLosses, weights);
        (loss + _model.BatchPenalty(batch.Users, batch.Items, _weightDecay)).backward();
        _optimizer.step();
        return loss.item<float>();
    }
}
