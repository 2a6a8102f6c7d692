using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML;
using MLNetExtensions.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Benchmarks;

/// <summary>
/// MLP training throughput: our trainer fed from an IDataView against a raw TorchSharp loop over the same
/// rows already held as tensors (the baseline). Workload of the architecture spec: 200,000 rows x 20 features,
/// MLP 20-64-64-1 ReLU, BCE, Adam 1e-3, batch 256, 3 epochs.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class MlpTrainingBenchmark
{
    public const int Rows = 200_000;
    private const int Epochs = 3;
    private const int BatchSize = 256;

    private MLContext _ml = null!;
    private IDataView _data = null!;
    private Tensor _x = null!;
    private Tensor _y = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ml = new MLContext(1);
        var rows = SyntheticTable.Generate(Rows, seed: 1);
        // Cached so both sides start from rows in memory; ours still pays for the IDataView -> tensor bridge.
        _data = _ml.Data.Cache(_ml.Data.LoadFromEnumerable(rows));
        _x = torch.tensor(rows.SelectMany(r => r.Features).ToArray(), new long[] { Rows, SyntheticTable.FeatureCount });
        _y = torch.tensor(rows.Select(r => r.Label ? 1f : 0f).ToArray());
        _ = _data.Preview(10);
    }

    [Benchmark(Baseline = true, Description = "raw TorchSharp loop (tensors in memory)")]
    public float RawTorchSharpLoop()
    {
        torch.random.manual_seed(1);
        using var model = nn.Sequential(
            nn.Linear(SyntheticTable.FeatureCount, 64), nn.ReLU(),
            nn.Linear(64, 64), nn.ReLU(),
            nn.Linear(64, 1));
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        float last = 0;
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            using var perm = torch.randperm(Rows);
            using var xs = _x.index_select(0, perm);
            using var ys = _y.index_select(0, perm);
            for (long start = 0; start < Rows; start += BatchSize)
            {
                using var scope = NewDisposeScope();
                long n = Math.Min(BatchSize, Rows - start);
                optimizer.zero_grad();
                var loss = nn.functional.binary_cross_entropy_with_logits(model.forward(xs.narrow(0, start, n)).squeeze(1), ys.narrow(0, start, n));
                loss.backward();
                optimizer.step();
                if (start + n >= Rows) last = loss.item<float>();
            }
        }
        return last;
    }

    [Benchmark(Description = "mlContext.Torch().MlpBinaryClassifier (IDataView in)")]
    public float TorchMlpTrainer()
    {
        using var model = _ml.Torch().MlpBinaryClassifier(new TorchMlpOptions
        {
            HiddenLayers = new[] { 64, 64 },
            NumberOfEpochs = Epochs,
            BatchSize = BatchSize,
            LearningRate = 1e-3,
            Seed = 1,
        }).Fit(_data);
        return (float)model.TrainingHistory!.Epochs[^1].TrainingLoss;
    }
}
