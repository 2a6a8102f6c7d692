using MLNetExtensions.Debiasing.Trainers.Kernels;
using MLNetExtensions.Debiasing.Trainers.Losses;
using MLNetExtensions.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Debiasing.Trainers;

/// <summary>
/// The kernel-balancing weight model (KBIPS, KBDR): w_i = sigmoid(&lt;A_u, B_i&gt;) x invprop_i. Each batch it takes one Adam
/// step on (1/B) sum w log w + BalanceWeight x hinge, where the hinge compares kernel means at J centres taken from D_b:
/// at random (KBIPS, KBDR: "RKB") or adaptively, the pairs with the largest fitted kernel coefficients
/// (<see cref="AdaptiveCentreSelection"/>; AKBIPS, AKBDR: "AKB"). Returns the updated-before weights, detached, for the
/// prediction step.
/// </summary>
internal sealed class BalancingWeightModel : IDisposable
{
    private readonly FactorModel _model;
    private readonly optim.Optimizer _optimizer;
    private readonly KernelFeatureTable _features;
    private readonly KernelKind _kernel;
    private readonly double _gamma;
    private readonly double _balanceWeight;
    private readonly double _margin;
    private readonly bool _perCentre;
    private readonly int _centres;
    private readonly TorchRandom _random;
    private readonly double _weightDecay;
    private readonly bool _adaptive;
    private readonly double _ridge;

    public BalancingWeightModel(FactorModel model, DebiasedMatrixFactorizationOptions options, KernelFeatureTable features, double gamma, TorchRandom random)
    {
        _model = model;
        _optimizer = model.CreateOptimizer(options.EffectiveWeightModelLearningRate);
        _weightDecay = options.EffectiveWeightModelWeightDecay;
        _features = features;
        _kernel = options.Kernel;
        _gamma = gamma;
        _balanceWeight = options.BalanceWeight;
        _margin = options.EffectiveBalanceMargin;
        _perCentre = options.PerCentreHinge;
        _centres = options.NumberOfCentres;
        _random = random;
        _adaptive = options.HasAdaptiveCentres;
        _ridge = options.AdaptiveCentreRidge;
    }

    /// <summary>Kernel values between centres and sampled pairs seen so far: sum, count, min and max (to report what the kernel looks like).</summary>
    public KernelValueStatistics Statistics { get; } = new();

    /// <summary>
    /// One weight-model step; returns the batch's weights (before the step), detached. <paramref name="errors"/> (detached, one
    /// per observed row) is the target of the adaptive centre fit; required for the AKB methods, ignored otherwise.
    /// </summary>
    public Tensor Step(ObservedBatch batch, Tensor sampledUsers, Tensor sampledItems, Tensor? errors = null)
    {
        Tensor toSampled, toObserved;
        using (torch.no_grad())
        {
            var sampled = _features.Features(sampledUsers, sampledItems);
            var observed = _features.Features(batch.Users, batch.Items);
            Tensor centreRows;
            if (_adaptive)
            {
                var coefficients = AdaptiveCentreSelection.Coefficients(KernelFunction.Matrix(_kernel, _gamma, observed, sampled),
                    errors ?? throw new ArgumentNullException(nameof(errors), "Adaptive centres need the observed rows' errors."),
                    batch.InversePropensities, _ridge);
                centreRows = AdaptiveCentreSelection.Select(coefficients, _centres);
            }
            else
            {
                centreRows = torch.randperm(sampled.shape[0], generator: _random.Generator, device: sampled.device).narrow(0, 0, _centres);
            }
            var centres = sampled.index_select(0, centreRows);
            toSampled = KernelFunction.Matrix(_kernel, _gamma, centres, sampled);
            toObserved = KernelFunction.Matrix(_kernel, _gamma, centres, observed);
            Statistics.Add(toSampled);
        }
        _optimizer.zero_grad();
        var weights = _model.Logits(batch.Users, batch.Items).sigmoid() * batch.InversePropensities;
        var loss = WeightEntropy.Mean(weights) + _balanceWeight * BalancingLoss.Hinge(toSampled, toObserved, weights, _margin, _perCentre);
        (loss + _model.BatchPenalty(batch.Users, batch.Items, _weightDecay)).backward();
        _optimizer.step();
        return weights.detach();
    }

    public void Dispose() => _optimizer.Dispose();
}
