using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MLNetExtensions.Fairness.Penalties;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Benchmarks;

/// <summary>
/// The CCdCov penalty's forward and backward pass on one minibatch (CPU, float32, as in training): the output is a
/// sigmoid of a [B, 1] tensor that requires grad, the attributes a 0/1 column, a 4-level one-hot block and a
/// [0, 1] number (6 columns). Each call builds two B x B distance matrices, U-centres them and back-propagates.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class FairnessPenaltyBenchmark
{
    private readonly ConcatenatedDistanceCovariancePenalty _penalty = new();
    private Tensor _logits = null!;
    private Tensor _attributes = null!;

    [Params(256, 1024, 4096)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var generator = new Generator(7);
        _logits = torch.randn(BatchSize, 1, generator: generator).requires_grad_(true);
        var sex = torch.rand(BatchSize, 1, generator: generator).gt(0.5).to_type(ScalarType.Float32);
        var race = torch.nn.functional.one_hot(torch.randint(0, 4, new long[] { BatchSize }, generator: generator), 4).to_type(ScalarType.Float32);
        var age = torch.rand(BatchSize, 1, generator: generator);
        _attributes = torch.cat(new[] { sex, race, age }, 1);
    }

    [Benchmark]
    public float ForwardBackward()
    {
        using var scope = NewDisposeScope();
        _logits.grad?.zero_();
        var value = _penalty.Compute(torch.sigmoid(_logits), _attributes, null);
        value.backward();
        return value.item<float>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _logits.Dispose();
        _attributes.Dispose();
    }
}
