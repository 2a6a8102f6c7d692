using System.Diagnostics;
using Microsoft.ML.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Training;

/// <summary>
/// Minibatch training shared by every Torch trainer: one dispose scope per step (no tensor outlives its step),
/// weighted epoch losses accumulated on the device (one host sync per epoch), validation, early stopping with
/// best-weight restore, and progress through ML.NET's log channel and an optional <see cref="IProgress{T}"/>.
/// </summary>
public sealed class TorchTrainingLoop
{
    private readonly IChannel? _channel;
    private readonly IProgress<TrainingProgress>? _progress;

    /// <summary>Creates a loop that reports to <paramref name="channel"/> and <paramref name="progress"/> (both optional).</summary>
    public TorchTrainingLoop(IChannel? channel, IProgress<TrainingProgress>? progress)
    {
        _channel = channel;
        _progress = progress;
    }

    /// <summary>
    /// Trains <paramref name="model"/>. <paramref name="loss"/> returns the scalar (weighted mean) loss of a batch
    /// and is called in training mode for steps and in evaluation mode, without gradients, for validation.
    /// </summary>
    public TrainingHistory Run(nn.Module model, optim.Optimizer optimizer, Func<TensorBatch, Tensor> loss,
        ITrainingBatchSource train, ITrainingBatchSource? validation, TrainingLoopSettings settings,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(train);
        if (settings.Epochs <= 0)
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Epochs, "Epochs must be positive.");
        if (settings.EarlyStoppingPatience < 0)
            throw new ArgumentOutOfRangeException(nameof(settings), settings.EarlyStoppingPatience, "EarlyStoppingPatience must not be negative.");

        var history = new TrainingHistory();
        var clock = Stopwatch.StartNew();
        double bestValidation = double.PositiveInfinity;
        int epochsSinceBest = 0;
        Dictionary<string, Tensor>? bestState = null;
        try
        {
            for (int epoch = 0; epoch < settings.Epochs; epoch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var epochClock = Stopwatch.StartNew();
                model.train();
                double trainLoss = RunEpoch(train.Epoch(epoch), loss, optimizer, cancellationToken, out long rows);
                if (!double.IsFinite(trainLoss))
                    throw new InvalidOperationException(
                        $"Training diverged: the loss became {trainLoss} in epoch {epoch + 1}. Lower the LearningRate or normalise the features.");
                double rowsPerSecond = rows / Math.Max(epochClock.Elapsed.TotalSeconds, 1e-9);

                double? validationLoss = null;
                bool isBest = false;
                if (validation is not null)
                {
                    model.eval();
                    validationLoss = Evaluate(validation, loss);
                    if (validationLoss < bestValidation - settings.EarlyStoppingMinDelta)
                    {
                        bestValidation = validationLoss.Value;
                        epochsSinceBest = 0;
                        isBest = true;
                        history.BestEpoch = epoch + 1;
                        if (settings.RestoreBestWeights)
                        {
                            DisposeState(bestState);
                            bestState = Snapshot(model);
                        }
                    }
                    else
                    {
                        epochsSinceBest++;
                    }
                }
                else
                {
                    history.BestEpoch = epoch + 1;
                }

                var report = new TrainingProgress(epoch + 1, settings.Epochs, trainLoss, validationLoss, isBest, clock.Elapsed, rowsPerSecond);
                history.Add(report);
                _channel?.Info(MessageSensitivity.None, report.ToString());
                _progress?.Report(report);

                if (validation is not null && settings.EarlyStoppingPatience > 0 && epochsSinceBest >= settings.EarlyStoppingPatience)
                {
                    history.StoppedEarly = epoch + 1 < settings.Epochs;
                    _channel?.Info(MessageSensitivity.None,
                        $"Early stopping after epoch {epoch + 1}: no validation improvement for {epochsSinceBest} epochs (best epoch {history.BestEpoch}).");
                    break;
                }
            }
            if (bestState is not null)
            {
                using (no_grad())
                    model.load_state_dict(bestState);
            }
        }
        finally
        {
            DisposeState(bestState);
            model.eval();
        }
        history.Duration = clock.Elapsed;
        return history;
    }

    /// <summary>Weighted mean of <paramref name="loss"/> over a source, without gradients.</summary>
    public static double Evaluate(ITrainingBatchSource source, Func<TensorBatch, Tensor> loss)
    {
        using var noGrad = no_grad();
        Tensor? total = null;
        double totalWeight = 0;
        try
        {
            foreach (var batch in source.Epoch(0))
            {
                using (batch)
                using (var scope = NewDisposeScope())
                {
                    double weight = batch.TotalWeight();
                    var contribution = loss(batch).detach() * weight;
                    if (total is null)
                    {
                        total = contribution.clone();
                        scope.MoveToOuter(total);
                    }
                    else
                    {
                        total.add_(contribution);
                    }
                    totalWeight += weight;
                }
            }
            if (total is null)
                throw new InvalidOperationException("The validation data has no rows.");
            return totalWeight > 0 ? total.item<float>() / totalWeight : double.NaN;
        }
        finally
        {
            total?.Dispose();
        }
    }

    private static double RunEpoch(IEnumerable<TensorBatch> batches, Func<TensorBatch, Tensor> loss, optim.Optimizer optimizer,
        CancellationToken cancellationToken, out long rows)
    {
        Tensor? total = null;
        long count = 0;
        try
        {
            foreach (var batch in batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using (batch)
                using (var scope = NewDisposeScope())
                {
                    optimizer.zero_grad();
                    var value = loss(batch);
                    value.backward();
                    optimizer.step();
                    // Unweighted row count as the batch weight keeps the epoch figure a plain mean of batch losses.
                    var contribution = value.detach() * batch.Count;
                    if (total is null)
                    {
                        total = contribution.clone();
                        scope.MoveToOuter(total);
                    }
                    else
                    {
                        total.add_(contribution);
                    }
                    count += batch.Count;
                }
            }
            rows = count;
            if (total is null)
                throw new InvalidOperationException("The training data has no rows.");
            return total.item<float>() / count;
        }
        finally
        {
            total?.Dispose();
        }
    }

    private static Dictionary<string, Tensor> Snapshot(nn.Module model)
    {
        var snapshot = new Dictionary<string, Tensor>();
        foreach (var (name, tensor) in model.state_dict())
            snapshot[name] = tensor.detach().clone();
        return snapshot;
    }

    private static void DisposeState(Dictionary<string, Tensor>? state)
    {
        if (state is null) return;
        foreach (var t in state.Values) t.Dispose();
    }
}
