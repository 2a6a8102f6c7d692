using Microsoft.ML;
using MLNetExtensions.Sweeping;
using MLNetExtensions.Trainers;
using Xunit;

namespace MLNetExtensions.Tests.Core.Sweeping;

/// <summary>The Torch MLP plugs into the sweeper through an AutoML-shaped factory.</summary>
public class TorchMlpSweepTests
{
    [Fact]
    public void SweepsHiddenLayersAndLearningRateWithAParetoFrontier()
    {
        var ml = new MLContext(1);
        var train = ml.Data.LoadFromEnumerable(TestData.Ring(800, 21));
        var validation = ml.Data.LoadFromEnumerable(TestData.Ring(300, 22));
        Func<MLContext, TorchMlpOptions, IEstimator<ITransformer>> factory = (ctx, o) => ctx.Torch().MlpBinaryClassifier(o);
        var space = new SearchSpace()
            .Add(nameof(TorchMlpOptions.HiddenLayers), SearchParameter.Choice(new[] { 4 }, new[] { 32, 32 }))
            .Add(nameof(TorchMlpOptions.LearningRate), SearchParameter.LogUniform(1e-3, 3e-2));
        var result = OptionsSweeper.Run(ml, factory, new TorchMlpOptions { NumberOfEpochs = 15, BatchSize = 64, Seed = 3 },
            space, new GridTuner(pointsPerParameter: 2), train, validation, new[]
            {
                new SweepObjective("AUC", ObjectiveDirection.Maximize, s => ml.BinaryClassification.Evaluate(s).AreaUnderRocCurve),
                SweepObjective.FromParameters("Parameters", ObjectiveDirection.Minimize,
                    p => ((int[])p[nameof(TorchMlpOptions.HiddenLayers)]!).Sum()),
            });

        Assert.Equal(4, result.Trials.Count);
        Assert.All(result.Trials, t => Assert.True(t.Succeeded, t.Error));
        var best = result.Best("AUC");
        Assert.True(best.GetObjective("AUC") > 0.9, result.ToString());
        var frontier = result.ParetoFrontier("AUC", "Parameters");
        Assert.Contains(best, frontier);
        // No frontier point is dominated by any trial.
        foreach (var f in frontier)
            Assert.DoesNotContain(result.Trials, t => t.GetObjective("AUC") >= f.GetObjective("AUC") && t.GetObjective("Parameters") <= f.GetObjective("Parameters")
                && (t.GetObjective("AUC") > f.GetObjective("AUC") || t.GetObjective("Parameters") < f.GetObjective("Parameters")));
    }
}
