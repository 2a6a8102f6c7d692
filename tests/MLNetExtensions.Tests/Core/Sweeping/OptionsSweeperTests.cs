using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MLNetExtensions.Sweeping;
using Xunit;

namespace MLNetExtensions.Tests.Core.Sweeping;

public class OptionsSweeperTests
{
    private const int FeatureCount = 4;

    private sealed class Row
    {
        public bool Label { get; set; }

        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];
    }

    /// <summary>A noisy linear problem: label = [1.5 x0 - 2 x1 + 0.5 x2 + noise > 0]; x3 is irrelevant.</summary>
    private static IDataView Generate(MLContext ml, int rows, int seed)
    {
        var random = new Random(seed);
        var data = new Row[rows];
        for (int i = 0; i < rows; i++)
        {
            var x = Enumerable.Range(0, FeatureCount).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            double score = 1.5 * x[0] - 2 * x[1] + 0.5 * x[2] + 0.5 * (random.NextDouble() - 0.5);
            data[i] = new Row { Label = score > 0, Features = x };
        }
        return ml.Data.LoadFromEnumerable(data);
    }

    private static SdcaLogisticRegressionBinaryTrainer.Options BaseSdcaOptions() => new()
    {
        MaximumNumberOfIterations = 20,
        NumberOfThreads = 1, // deterministic results
    };

    private static SweepObjective Auc(MLContext ml) =>
        new("AUC", ObjectiveDirection.Maximize, scored => ml.BinaryClassification.Evaluate(scored).AreaUnderRocCurve);

    private static readonly SweepObjective L1 = SweepObjective.FromParameters(
        "L1", ObjectiveDirection.Minimize, p => Convert.ToDouble(p["L1Regularization"], CultureInfo.InvariantCulture));

    [Fact]
    public void SdcaSweepFindsGoodNonDominatedModels()
    {
        var ml = new MLContext(seed: 1);
        var train = Generate(ml, 240, seed: 11);
        var validation = Generate(ml, 120, seed: 12);
        var baseOptions = BaseSdcaOptions();
        var space = SearchSpace.For<SdcaLogisticRegressionBinaryTrainer.Options>()
            .Add("L1Regularization", SearchParameter.Uniform(0, 0.5))
            .Add("L2Regularization", SearchParameter.LogUniform(1e-4, 1e-1));
        var progress = new ListProgress<SweepTrial>(); // IProgress is contravariant: the non-generic trial type works

        var result = OptionsSweeper.Run(
            ml,
            (ctx, o) => ctx.BinaryClassification.Trainers.SdcaLogisticRegression(o),
            baseOptions,
            space,
            new GridTuner(pointsPerParameter: 3),
            train,
            validation,
            [Auc(ml), L1],
            progress);

        Assert.Equal(9, result.Trials.Count);
        Assert.All(result.Trials, t => Assert.True(t.Succeeded, t.Error));
        Assert.All(result.Trials, t => Assert.NotNull(t.Model));
        Assert.All(result.Trials, t => Assert.True(t.Duration >= t.FitDuration));
        Assert.Equal(result.Trials.Select(t => t.Index), progress.Reports.Select(t => t.Index));

        // Each trial trained on its own copy with its own values; the base stays as it was.
        Assert.Null(baseOptions.L1Regularization);
        Assert.Null(baseOptions.L2Regularization);
        Assert.All(result.Trials, t =>
        {
            Assert.Equal((float)(double)t.Parameters["L1Regularization"]!, t.Options.L1Regularization);
            Assert.Equal((float)(double)t.Parameters["L2Regularization"]!, t.Options.L2Regularization);
        });

        var best = result.Best("AUC");
        Assert.True(best.GetObjective("AUC") > 0.9, result.ToString());
        Assert.All(result.Trials, t => Assert.True(t.GetObjective("AUC") <= best.GetObjective("AUC")));

        var frontier = result.ParetoFrontier("AUC", "L1");
        Assert.NotEmpty(frontier);
        Assert.Contains(frontier, t => t.GetObjective("L1") == 0); // the cheapest L1 is never beaten on L1
        foreach (var trial in result.Trials)
        {
            bool dominated = result.Trials.Any(other => Dominates(other, trial));
            Assert.Equal(!dominated, frontier.Contains(trial));
        }
        Assert.Equal(frontier.OrderBy(t => t.GetObjective("AUC")), frontier);

        var frame = result.ToDataFrame();
        Assert.Equal(9, frame.Rows.Count);
    }

    private static bool Dominates(SweepTrial x, SweepTrial y)
    {
        double xa = x.GetObjective("AUC"), ya = y.GetObjective("AUC"), xl = x.GetObjective("L1"), yl = y.GetObjective("L1");
        return xa >= ya && xl <= yl && (xa > ya || xl < yl);
    }

    [Fact]
    public void FailingTrialsAreRecordedAndTheSweepContinues()
    {
        var ml = new MLContext(seed: 1);
        var train = Generate(ml, 120, seed: 21);
        var validation = Generate(ml, 60, seed: 22);
        var space = new SearchSpace().Add("L1Regularization", SearchParameter.Choice(0f, 0.5f, 0.1f));

        var result = OptionsSweeper.Run(
            ml,
            (ctx, o) => o.L1Regularization > 0.3f
                ? throw new InvalidOperationException("L1 too strong for this test")
                : ctx.BinaryClassification.Trainers.SdcaLogisticRegression(o),
            BaseSdcaOptions(),
            space,
            new GridTuner(),
            train,
            validation,
            [Auc(ml)]);

        Assert.Equal([true, false, true], result.Trials.Select(t => t.Succeeded));
        var failed = result.Trials[1];
        Assert.Null(failed.Model);
        Assert.Empty(failed.ObjectiveValues);
        Assert.Contains("L1 too strong for this test", failed.Error, StringComparison.Ordinal);
        Assert.Contains("creating the estimator", failed.Error, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(failed.Exception);
        Assert.Equal(0.5f, failed.Options.L1Regularization);
        Assert.Equal([0, 2], result.SuccessfulTrials.Select(t => t.Index));
        Assert.Equal([0, 2], result.ParetoFrontier("AUC", "AUC").Select(t => t.Index).Order());
        Assert.Contains("failed: ", result.ToString(), StringComparison.Ordinal);
        Assert.Equal(failed.Error, result.ToDataFrame().Columns["Error"][1]);
    }

    [Fact]
    public void AllTrialsFailingThrowsWithTheFirstError()
    {
        var ml = new MLContext(seed: 1);
        var data = SweepTestData.SmallLabelData(ml);

        var error = Assert.Throws<InvalidOperationException>(() => OptionsSweeper.Run<CopyOptions>(
            ml,
            (_, o) => throw new NotSupportedException($"setting {o.Setting} unsupported"),
            new CopyOptions(),
            new SearchSpace().Add("Setting", SearchParameter.Int(1, 3)),
            new GridTuner(),
            data,
            data,
            [SweepObjective.FromParameters("Zero", ObjectiveDirection.Minimize, _ => 0)]));

        Assert.Contains("All 3 trials failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("setting 1 unsupported", error.Message, StringComparison.Ordinal);
        Assert.IsType<NotSupportedException>(error.InnerException);
    }

    [Fact]
    public void NaNObjectiveFailsTheTrialNamingTheObjective()
    {
        var ml = new MLContext(seed: 1);
        var data = SweepTestData.SmallLabelData(ml);

        var result = OptionsSweeper.Run(
            ml,
            (ctx, o) => ctx.Transforms.CopyColumns(o.OutputColumnName, "Label"),
            new CopyOptions(),
            new SearchSpace().Add("Setting", SearchParameter.Int(1, 3)),
            new GridTuner(),
            data,
            data,
            [
                new SweepObjective("Rows", ObjectiveDirection.Maximize, scored => scored.Preview().RowView.Length),
                SweepObjective.FromParameters("Shaky", ObjectiveDirection.Minimize, p => (int)p["Setting"]! == 2 ? double.NaN : 1),
            ]);

        Assert.Equal([true, false, true], result.Trials.Select(t => t.Succeeded));
        Assert.Contains("'Shaky'", result.Trials[1].Error, StringComparison.Ordinal);
        Assert.Contains("NaN", result.Trials[1].Error, StringComparison.Ordinal);
        Assert.Equal(8, result.Trials[1].GetObjective("Rows"));
        Assert.Null(result.Trials[1].Model);
        Assert.Equal(8, result.Best("Rows").GetObjective("Rows"));
    }

    [Fact]
    public void ThrowingObjectiveFailsOnlyItsTrial()
    {
        var ml = new MLContext(seed: 1);
        var data = SweepTestData.SmallLabelData(ml);

        var result = OptionsSweeper.Run(
            ml,
            (ctx, o) => ctx.Transforms.CopyColumns(o.OutputColumnName, "Label"),
            new CopyOptions(),
            new SearchSpace().Add("OutputColumnName", SearchParameter.Choice("Copy", "Label")),
            new RandomTuner(4, seed: 2),
            data,
            data,
            [new SweepObjective("CopyRows", ObjectiveDirection.Maximize, scored =>
                scored.GetColumn<bool>("Copy").Count())]);

        Assert.Contains(result.Trials, t => t.Succeeded);
        Assert.All(result.Trials.Where(t => !t.Succeeded), t =>
            Assert.Contains("evaluating objective 'CopyRows'", t.Error, StringComparison.Ordinal));
        Assert.All(result.Trials, t => Assert.Equal((string)t.Parameters["OutputColumnName"]! == "Copy", t.Succeeded));
    }

    [Fact]
    public void CancellationStopsTheSweep()
    {
        var ml = new MLContext(seed: 1);
        var data = SweepTestData.SmallLabelData(ml);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => OptionsSweeper.Run(
            ml,
            (ctx, o) => ctx.Transforms.CopyColumns(o.OutputColumnName, "Label"),
            new CopyOptions(),
            new SearchSpace(),
            new GridTuner(),
            data,
            data,
            [SweepObjective.FitSeconds()],
            cancellationToken: cancellation.Token));
    }

    [Fact]
    public void ObjectivesMustBePresentAndDistinct()
    {
        var ml = new MLContext(seed: 1);
        var data = SweepTestData.SmallLabelData(ml);
        SweepResult<CopyOptions> Run(IReadOnlyList<SweepObjective> objectives) => OptionsSweeper.Run(
            ml, (ctx, o) => ctx.Transforms.CopyColumns(o.OutputColumnName, "Label"), new CopyOptions(),
            new SearchSpace(), new GridTuner(), data, data, objectives);

        Assert.Throws<ArgumentException>(() => Run([]));
        var duplicate = Assert.Throws<ArgumentException>(() => Run([SweepObjective.FitSeconds("T"), SweepObjective.FitSeconds("T")]));
        Assert.Contains("'T'", duplicate.Message, StringComparison.Ordinal);

        var single = Run([SweepObjective.FitSeconds()]);
        Assert.True(Assert.Single(single.Trials).GetObjective("FitSeconds") >= 0);
    }
}
