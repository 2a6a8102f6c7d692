using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML;
using MLNetExtensions.Trainers;

namespace MLNetExtensions.Benchmarks;

/// <summary>
/// Scoring throughput of a fitted Torch MLP (20-64-64-1): the lazy batched Transform (one forward pass per
/// block of 1,024 rows) against ML.NET's PredictionEngine called row by row (the baseline).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ScoringBenchmark
{
    public const int Rows = 20_000;

    private MLContext _ml = null!;
    private SyntheticTable.Row[] _rows = null!;
    private IDataView _data = null!;
    private TorchMlpTransformer _model = null!;
    private PredictionEngine<SyntheticTable.Row, Prediction> _engine = null!;

    public sealed class Prediction
    {
        public float Probability { get; set; }
    }

    [GlobalSetup]
    public void Setup()
    {
        _ml = new MLContext(1);
        _rows = SyntheticTable.Generate(Rows, seed: 2);
        _data = _ml.Data.Cache(_ml.Data.LoadFromEnumerable(_rows));
        _model = _ml.Torch().MlpBinaryClassifier(numberOfEpochs: 1, seed: 1).Fit(_data);
        _engine = _ml.Model.CreatePredictionEngine<SyntheticTable.Row, Prediction>(_model);
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    [Benchmark(Baseline = true, Description = "PredictionEngine, row by row")]
    public float PredictionEngineRowByRow()
    {
        float sum = 0;
        foreach (var row in _rows)
            sum += _engine.Predict(row).Probability;
        return sum;
    }

    [Benchmark(Description = "batched Transform + cursor")]
    public float BatchedTransform()
    {
        var scored = _model.Transform(_data);
        float sum = 0, value = 0;
        using var cursor = scored.GetRowCursor(new[] { scored.Schema["Probability"] });
        var getter = cursor.GetGetter<float>(scored.Schema["Probability"]);
        while (cursor.MoveNext())
        {
            getter(ref value);
            sum += value;
        }
        return sum;
    }
}
