using MLNetExtensions.Debiasing.Data;
using MLNetExtensions.Debiasing.Propensity;
using Xunit;

namespace MLNetExtensions.Tests.Debiasing.Propensity;

/// <summary>Naive-Bayes propensities on Coat against numpy (np.loadtxt of train/test.ascii, shares of positives).</summary>
public sealed class CoatPropensityTests
{
    [CoatFact]
    public void NaiveBayesOnCoatMatchesNumpyForBothBinarisationRules()
    {
        var coat = CoatLoader.Load(CoatFactAttribute.Folder!);
        foreach (var (rule, p1, p0) in new[]
                 {
                     (RatingBinarization.AtLeastThree, 0.1037450769781597, 0.06408447324214062),
                     (RatingBinarization.AboveThree, 0.11813953488372092, 0.07132275132275132),
                 })
        {
            var train = coat.Train.Binarize(rule);
            var model = NaiveBayesPropensityModel.Fit(train, coat.Test.Binarize(rule).Labels);
            Assert.Equal(0.08, model.ObservationRate, 12);
            Assert.Equal(p1, model.Propensity(0, 0, 1f), 10);
            Assert.Equal(p0, model.Propensity(0, 0, 0f), 10);
        }
        // The paper's protocol: 5% of the MAR test labels (232 rows); propensities stay close to the full-test values.
        var sample = coat.Test.Binarize(RatingBinarization.AtLeastThree).SplitRandom(0.05, seed: 0).Selected;
        Assert.Equal(232, sample.Count);
        var fromSample = NaiveBayesPropensityModel.Fit(coat.Train.Binarize(RatingBinarization.AtLeastThree), sample.Labels);
        Assert.InRange(fromSample.Propensity(0, 0, 1f), 0.07, 0.15);
        Assert.InRange(fromSample.Propensity(0, 0, 0f), 0.045, 0.085);
    }

    [CoatFact]
    public void LogisticOnCoatIgnoresTheConstantUserActivity()
    {
        var coat = CoatLoader.Load(CoatFactAttribute.Folder!);
        var model = LogisticPropensityModel.Fit(coat.Train);
        // Every Coat user rated 24 items, so user activity carries no information.
        Assert.Equal(0.0, model.UserWeight);
        Assert.True(model.ItemWeight > 0, $"item weight {model.ItemWeight}");
        double sum = 0;
        for (int u = 0; u < coat.UserCount; u++)
            for (int i = 0; i < coat.ItemCount; i++)
                sum += model.Propensity(u, i, 0);
        Assert.Equal(6960, sum, 6);
    }
}
