using MLNetExtensions.Debiasing.Evaluation;
using MLNetExtensions.Debiasing.Propensity;
using MLNetExtensions.Debiasing.Synthetic;
using Xunit;
using Xunit.Abstractions;

namespace MLNetExtensions.Tests.Debiasing.Synthetic;

public sealed class SyntheticMnarGeneratorTests
{
    private readonly ITestOutputHelper _output;

    public SyntheticMnarGeneratorTests(ITestOutputHelper output) => _output = output;

    private static SyntheticMnarData Draw(int seed, int users = 200, int items = 150) =>
        SyntheticMnarGenerator.Generate(new SyntheticMnarOptions { Users = users, Items = items, Seed = seed });

    [Fact]
    public void SameSeedSameDataOtherSeedOtherData()
    {
        var a = Draw(4);
        var b = Draw(4);
        var c = Draw(5);
        Assert.Equal(a.Train.Users.ToArray(), b.Train.Users.ToArray());
        Assert.Equal(a.Train.Items.ToArray(), b.Train.Items.ToArray());
        Assert.Equal(a.MarTest.Items.ToArray(), b.MarTest.Items.ToArray());
        Assert.Equal(a.MarSample.Items.ToArray(), b.MarSample.Items.ToArray());
        Assert.NotEqual(a.Train.Items.ToArray(), c.Train.Items.ToArray());
    }

    [Fact]
    public void EveryTableAgreesWithTheTruthComputedOnDemand()
    {
        var data = Draw(1);
        for (int r = 0; r < data.Train.Count; r++)
        {
            int u = data.Train.Users[r], i = data.Train.Items[r];
            Assert.Equal(data.TrueLabel(u, i), data.Train.Labels[r]);
            Assert.Equal(data.TruePropensity(u, i), data.TrainPropensities[r]);
        }
        for (int r = 0; r < data.MarTest.Count; r++)
            Assert.Equal(data.TrueLabel(data.MarTest.Users[r], data.MarTest.Items[r]), data.MarTest.Labels[r]);
        for (int r = 0; r < data.MarSample.Count; r++)
            Assert.Equal(data.TrueLabel(data.MarSample.Users[r], data.MarSample.Items[r]), data.MarSample.Labels[r]);
        Assert.Equal(250, data.MarSample.Count);
        Assert.All(data.MarTest.Users.ToArray().GroupBy(u => u), g => Assert.Equal(16, g.Count()));
        Assert.Equal(data.MarSample.Count, data.MarSample.Users.ToArray().Zip(data.MarSample.Items.ToArray()).Distinct().Count());
    }

    [Fact]
    public void ObservationIsMissingNotAtRandom()
    {
        var data = Draw(2);
        double observedPositiveRate = data.Train.Labels.ToArray().Average();
        double marPositiveRate = data.MarTest.Labels.ToArray().Average();
        // Users "rate what they like": positives are over-represented among observed cells.
        Assert.True(observedPositiveRate > data.PositiveRate + 0.15, $"observed {observedPositiveRate}, true {data.PositiveRate}");
        Assert.InRange(marPositiveRate, data.PositiveRate - 0.05, data.PositiveRate + 0.05);
        // |O| is a sum of independent Bernoulli(propensity) draws: within 5 standard deviations of its mean.
        double expected = data.ExpectedObservationRate * data.Train.PairCount;
        Assert.InRange(data.Train.Count, expected - 5 * Math.Sqrt(expected), expected + 5 * Math.Sqrt(expected));
    }

    /// <summary>
    /// The property the debiased trainers will be tested on: for a fixed predictor, the naive estimate of the loss over
    /// all pairs is biased, IPS with the true propensities is unbiased (mean bias over seeds near 0), SNIPS nearly so,
    /// and IPS with Naive-Bayes propensities from the small MAR sample removes most of the naive bias.
    /// </summary>
    [Fact]
    public void NaiveEstimateIsBiasedAndIpsWithTruePropensitiesIsNot()
    {
        const int seeds = 5;
        var naive = new double[seeds];
        var ips = new double[seeds];
        var snips = new double[seeds];
        var ipsNb = new double[seeds];
        for (int s = 0; s < seeds; s++)
        {
            var data = Draw(100 + s, users: 400, items: 300);
            // A plausible model: the truth blurred toward 0.5.
            double Predict(int u, int i) => 0.5 + 0.6 * (data.TrueProbability(u, i) - 0.5);
            var estimates = data.EstimateLoss(Predict, PointwiseLoss.CrossEntropy);
            naive[s] = estimates.NaiveBias;
            ips[s] = estimates.IpsBias;
            snips[s] = estimates.SnipsBias;
            var nb = NaiveBayesPropensityModel.Fit(data.Train, data.MarSample.Labels);
            var nbPropensities = Enumerable.Range(0, data.Train.Count)
                .Select(r => nb.ClippedPropensity(data.Train.Users[r], data.Train.Items[r], data.Train.Labels[r], 1e-3)).ToArray();
            ipsNb[s] = data.EstimateLoss(Predict, PointwiseLoss.CrossEntropy, nbPropensities).IpsBias;
            _output.WriteLine($"seed {100 + s}: |O| {data.Train.Count} ({data.Train.Density:P2} of pairs), positives {data.PositiveRate:P1} of all pairs, " +
                $"{data.Train.Labels.ToArray().Average():P1} of observed; NB p(1) {nb.Propensity(0, 0, 1):F4} p(0) {nb.Propensity(0, 0, 0):F4}");
            _output.WriteLine($"seed {100 + s}: ideal {estimates.Ideal:F4} naive {estimates.NaiveBias:+0.0000;-0.0000} " +
                $"IPS {estimates.IpsBias:+0.0000;-0.0000} SNIPS {estimates.SnipsBias:+0.0000;-0.0000} IPS-NB {ipsNb[s]:+0.0000;-0.0000}");
        }
        _output.WriteLine($"mean bias: naive {naive.Average():F4}, IPS {ips.Average():F4}, SNIPS {snips.Average():F4}, IPS-NB {ipsNb.Average():F4}");
        // Naive: every seed biased the same way, the mean far beyond its standard error.
        Assert.All(naive, b => Assert.True(b > 0.02, $"naive bias {b}"));
        Assert.True(naive.Average() > 5 * StandardError(naive), $"naive mean bias {naive.Average()} vs standard error {StandardError(naive)}");
        // IPS (true propensities): the mean bias is within 3 standard errors of 0 and small next to naive's.
        Assert.True(Math.Abs(ips.Average()) < 3 * StandardError(ips), $"IPS mean bias {ips.Average()} vs standard error {StandardError(ips)}");
        Assert.True(Math.Abs(ips.Average()) < 0.25 * naive.Average(), $"IPS mean bias {ips.Average()} vs naive {naive.Average()}");
        Assert.True(Math.Abs(snips.Average()) < 0.25 * naive.Average(), $"SNIPS mean bias {snips.Average()}");
        Assert.True(Math.Abs(ipsNb.Average()) < 0.5 * naive.Average(), $"IPS-NB mean bias {ipsNb.Average()}");
    }

    private static double StandardError(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length);
    }

    [Fact]
    public void IpsIsExactlyTheIdealWhenEveryPairIsObserved()
    {
        // Propensity 1 everywhere (huge base rate, clipped): O = D, so naive = IPS = SNIPS = ideal.
        var data = SyntheticMnarGenerator.Generate(new SyntheticMnarOptions { Users = 20, Items = 10, BaseObservationRate = 50, MarTestItemsPerUser = 5, MarSampleSize = 10 });
        Assert.Equal(200, data.Train.Count);
        var e = data.EstimateLoss((u, i) => 0.3, PointwiseLoss.SquaredError);
        Assert.Equal(e.Ideal, e.Naive, 12);
        Assert.Equal(e.Ideal, e.Ips, 12);
        Assert.Equal(e.Ideal, e.Snips, 12);
    }

    [Fact]
    public void PerUserAndPerPairPredictorsGiveTheSameEstimates()
    {
        var data = Draw(9, users: 40, items: 30);
        double Predict(int u, int i) => 0.2 + 0.6 * data.TrueProbability(u, i);
        var pair = data.EstimateLoss(Predict, PointwiseLoss.SquaredError);
        var row = data.EstimateLoss((u, probabilities) =>
        {
            for (int i = 0; i < probabilities.Length; i++) probabilities[i] = Predict(u, i);
        }, PointwiseLoss.SquaredError);
        Assert.Equal(pair, row);
        // Hand check of the ideal loss by brute force over all pairs.
        double ideal = 0;
        for (int u = 0; u < 40; u++)
            for (int i = 0; i < 30; i++)
                ideal += Math.Pow(Predict(u, i) - data.TrueLabel(u, i), 2);
        Assert.Equal(ideal / 1200, pair.Ideal, 12);
        Assert.Throws<ArgumentException>(() => data.EstimateLoss(Predict, PointwiseLoss.SquaredError, new double[3]));
    }

    [Fact]
    public void InvalidOptionsAreNamed()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticMnarGenerator.Generate(new SyntheticMnarOptions { MarTestItemsPerUser = 500 }));
        Assert.Equal("MarTestItemsPerUser", e.ParamName);
    }
}
