using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MLNetExtensions.Fairness.Metrics;

namespace MLNetExtensions.Benchmarks;

/// <summary>
/// The fairness report over 1,000,000 rows with two sensitive text columns (sex: 2 levels, race: 5 levels; 10
/// intersectional groups), in process, from arrays already in memory (the text columns are grouped inside the timed
/// call, as pandas groups its string columns). Baseline: a plain pandas groupby building the same table, timed by
/// python/fairness_groupby_baseline.py (docs/benchmarks.md); Fairlearn's MetricFrame is quoted from the spec.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class FairnessReportBenchmark
{
    public const int Rows = 1_000_000;

    private double[] _labels = null!;
    private double[] _predictions = null!;
    private double[] _scores = null!;
    private string[] _sex = null!;
    private string[] _race = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        string[] sexes = { "F", "M" }, races = { "A", "B", "C", "D", "E" };
        _labels = new double[Rows];
        _predictions = new double[Rows];
        _scores = new double[Rows];
        _sex = new string[Rows];
        _race = new string[Rows];
        for (int i = 0; i < Rows; i++)
        {
            int s = random.Next(2), r = random.Next(5);
            _sex[i] = sexes[s];
            _race[i] = races[r];
            double score = 1 / (1 + Math.Exp(-(2 * random.NextDouble() - 1 + 0.3 * s - 0.1 * r)));
            _scores[i] = score;
            _labels[i] = random.NextDouble() < score ? 1 : 0;
            _predictions[i] = score > 0.5 ? 1 : 0;
        }
    }

    private SensitiveAttribute[] Attributes() =>
        new[] { SensitiveAttribute.FromText("sex", _sex), SensitiveAttribute.FromText("race", _race) };

    [Benchmark(Description = "group table + parity (no score)")]
    public double GroupTable() =>
        FairnessEvaluator.Evaluate(_labels, _predictions, Attributes(),
            options: new FairnessEvaluationOptions { IncludeDependenceMeasures = false }).DemographicParityDifference!.Value;

    [Benchmark(Description = "group table + parity + AUC + log loss")]
    public double GroupTableWithScores() =>
        FairnessEvaluator.Evaluate(_labels, _predictions, Attributes(), scores: _scores, probabilities: _scores,
            options: new FairnessEvaluationOptions { IncludeDependenceMeasures = false }).Metric(FairnessMetricNames.Auc).Difference!.Value;

    [Benchmark(Description = "full report (+ JSD, UF, dCov/dCor/CCdCov/JdCov on 5,000 rows)")]
    public double FullReport() =>
        FairnessEvaluator.Evaluate(_labels, _predictions, Attributes(), scores: _scores, probabilities: _scores).Distance!.CCdCov;
}
