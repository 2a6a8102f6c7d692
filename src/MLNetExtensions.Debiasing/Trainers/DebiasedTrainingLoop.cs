using MLNetExtensions.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Debiasing.Trainers;

/// <summary>
/// The loop every method shares: each epoch a seeded permutation of the observed rows, cut into mini-batches of B rows,
/// each handed to the method's update (which returns the batch's prediction loss). Stops early when the epoch loss
/// improves by less than the relative tolerance for the patience's number of epochs (the reference's rule), and
/// throws when the loss stops being finite.
/// </summary>
internal sealed class DebiasedTrainingLoop : IDisposable
{
    private readonly Tensor _users;
    private readonly Tensor _items;
    private readonly Tensor _labels;
    private readonly Tensor _propensities;
    private readonly Tensor _inverse;

    // inverseScale multiplies the inverse propensities (1 / their mean normalises them).
    public DebiasedTrainingLoop(int[] users, int[] items, float[] labels, float[] propensities, Device device, double inverseScale = 1.0)
    {
        _users = torch.tensor(users.Select(u => (long)u).ToArray()).to(device);
        _items = torch.tensor(items.Select(i => (long)i).ToArray()).to(device);
        _labels = torch.tensor(labels).to(device);
        _propensities = torch.tensor(propensities).to(device);
        _inverse = (inverseScale / _propensities).detach();
        Count = users.Length;
    }

    public int Count { get; }

    /// <summary>Wall-clock seconds of each epoch of the last <see cref="Run"/>.</summary>
    public List<double> EpochSeconds { get; } = new();

    /// <summary>Runs at most <paramref name="epochs"/> epochs; returns the mean prediction loss per epoch.</summary>
    public List<double> Run(Func<ObservedBatch, double> update, TorchRandom random, int epochs, int batchSize, double tolerance, int patience, string what)
    {
        var history = new List<double>();
        double previous = double.NaN;
        int stale = 0;
        EpochSeconds.Clear();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            double total = 0;
            int batches = 0;
            using (var permutation = random.Permutation(Count).to(_users.device))
            {
                for (int start = 0; start < Count; start += batchSize)
                {
                    using var scope = torch.NewDisposeScope();
                    var index = permutation.narrow(0, start, Math.Min(batchSize, Count - start));
                    var batch = new ObservedBatch(_users.index_select(0, index), _items.index_select(0, index), _labels.index_select(0, index),
                        _propensities.index_select(0, index), _inverse.index_select(0, index));
                    total += update(batch);
                    batches++;
                }
            }
            double loss = total / batches;
            if (!double.IsFinite(loss))
                throw new InvalidOperationException(
                    $"{what}: the training loss became {loss} in epoch {epoch + 1}. Lower LearningRate (or the weight model's learning rate), " +
                    "or raise PropensityClipMinimum.");
            history.Add(loss);
            EpochSeconds.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            if (patience > 0 && !double.IsNaN(previous))
            {
                // Relative change, as the reference: |previous - loss| / (|previous| + tiny).
                double relative = Math.Abs(previous - loss) / (Math.Abs(previous) + 1e-10);
                stale = relative < tolerance ? stale + 1 : 0;
                if (stale >= patience)
                    break;
            }
            previous = loss;
        }
        return history;
    }

    public void Dispose()
    {
        _users.Dispose();
        _items.Dispose();
        _labels.Dispose();
        _propensities.Dispose();
        _inverse.Dispose();
    }
}
