using MLNetExtensions.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Fairness.Online;

/// <summary>
/// One online learner: predicts a (tiny) batch of rows, records them prequentially, then takes one Adam step on the
/// cross-entropy plus lambda times the aggregate node-level fairness gradient (only the node hyperplanes w, b get the
/// fairness term; the leaves only the cross-entropy). Everything it holds has a size fixed at construction.
/// </summary>
internal sealed class AranyaniLearner : IDisposable
{
    private readonly SoftObliqueForest _forest;
    private readonly AranyaniOptions _options;
    private readonly optim.Optimizer _optimizer;
    private readonly Device _device;
    private readonly int _width;
    private readonly int _nodes;
    private readonly float[] _standardized;
    private readonly float[] _probabilities;
    private readonly float[] _decisions;
    private readonly long[] _targets;
    private readonly float[] _fairnessGradient;

    public AranyaniLearner(SoftObliqueForest forest, AranyaniOptions options, Device device)
    {
        _forest = forest;
        _options = options;
        _device = device;
        _width = forest.FeatureWidth;
        _nodes = forest.NumberOfTrees * forest.InternalNodes;
        _optimizer = optim.Adam(forest.parameters(), options.LearningRate);
        Statistics = new NodeFairnessStatistics(options.MaxGroups, _nodes, _width, options.StatisticsDecay);
        Standardizer = new OnlineStandardizer(_width);
        Monitor = new PrequentialMonitor(options.MaxGroups, options.WindowSize, options.HistoryInterval);
        int batch = options.BatchSize;
        _standardized = new float[batch * _width];
        _probabilities = new float[batch];
        _decisions = new float[batch * _nodes];
        _targets = new long[batch];
        // w and b first, then zeros for the leaf logits (no fairness term there): one add into the flat gradient.
        _fairnessGradient = new float[forest.ParameterCount];
    }

    public NodeFairnessStatistics Statistics { get; }

    public OnlineStandardizer Standardizer { get; }

    public PrequentialMonitor Monitor { get; }

    /// <summary>Values held: parameters and Adam's two moments, statistics, standardiser, monitor and the step buffers.</summary>
    public long StateSize => 3 * _forest.ParameterCount + Statistics.StateSize + Standardizer.StateSize + Monitor.StateSize +
                             _standardized.Length + _probabilities.Length + _decisions.Length + _targets.Length +
                             _fairnessGradient.Length;

    /// <summary>
    /// Test-then-train on the first <paramref name="count"/> rows of the batch: raw features (row-major, d per row),
    /// labels and group numbers.
    /// </summary>
    public void Step(ReadOnlySpan<float> features, ReadOnlySpan<bool> labels, ReadOnlySpan<int> groups, int count)
    {
        for (int r = 0; r < count; r++)
            Standardizer.Apply(features.Slice(r * _width, _width), _standardized.AsSpan(r * _width, _width));
        using (var scope = NewDisposeScope())
        {
            var x = TensorCopy.FromSpan(_standardized.AsSpan(0, count * _width), new long[] { count, _width }, _device);
            var (probabilities, decisions) = _forest.Forward(x);
            TensorCopy.ToSpan(probabilities.detach().select(1, 1), _probabilities.AsSpan(0, count));
            for (int r = 0; r < count; r++)
            {
                Monitor.Add(groups[r], _probabilities[r], labels[r]);
                _targets[r] = labels[r] ? 1 : 0;
            }
            var target = torch.tensor(_targets.AsSpan(0, count).ToArray(), device: _device).unsqueeze(1);
            var loss = -probabilities.gather(1, target).clamp_min(1e-12).log().mean();
            _optimizer.zero_grad();
            loss.backward();

            TensorCopy.ToSpan(decisions.detach(), _decisions.AsSpan(0, count * _nodes));
            for (int r = 0; r < count; r++)
                Statistics.Add(groups[r], _decisions.AsSpan(r * _nodes, _nodes), _standardized.AsSpan(r * _width, _width));
            int weights = (int)_forest.WeightCount, biases = (int)_forest.BiasCount;
            if (_options.Lambda > 0 && Statistics.FairnessGradient(_options.Lambda, _options.HuberDelta,
                    _fairnessGradient.AsSpan(0, weights), _fairnessGradient.AsSpan(weights, biases)))
            {
                using var noGrad = no_grad();
                _forest.Values.grad!.add_(TensorCopy.FromSpan(_fairnessGradient, new long[] { _fairnessGradient.Length }, _device));
            }
            _optimizer.step();
        }
        if (_options.StandardizeFeatures)
            for (int r = 0; r < count; r++)
                Standardizer.Add(features.Slice(r * _width, _width));
    }

    public void Dispose() => _optimizer.Dispose();
}
