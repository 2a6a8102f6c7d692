using Microsoft.ML;
using MLNetExtensions.Calibration;
using Xunit;

namespace MLNetExtensions.Tests.Calibration.Calibrators;

public sealed class BetaCalibrationTests
{
    private static List<CalibrationTestData.ProbabilityRow> Groups(params (float P, int Rows, int Positives)[] groups) =>
        groups.SelectMany(g => Enumerable.Range(0, g.Rows).Select(i => new CalibrationTestData.ProbabilityRow
        {
            Probability = g.P,
            Label = i < g.Positives ? 1 : 0,
        })).ToList();

    private static readonly CalibrationOptionsForProbability Options = new();

    private sealed class CalibrationOptionsForProbability : MLNetExtensions.Calibration.Calibrators.BinaryCalibratorOptions
    {
        public CalibrationOptionsForProbability()
        {
            ScoreColumnName = "Probability";
            ScoreIsProbability = true;
            ProbabilityColumnName = "Calibrated";
        }
    }

    /// <summary>
    /// Closed form: with three distinct input probabilities the model (a, b, c) is saturated, so the maximum-likelihood
    /// fit reproduces each group's positive rate r_g exactly: a ln p_g - b ln(1 - p_g) + c = logit(r_g), g = 1..3. The
    /// expected (a, b, c) solve that 3x3 linear system (Cramer's rule below); this case has a, b &gt;= 0.
    /// </summary>
    [Fact]
    public void SaturatedThreeGroupCaseMatchesTheClosedForm()
    {
        var ml = new MLContext(1);
        var groups = new (float P, int Rows, int Positives)[] { (0.2f, 40, 4), (0.5f, 40, 14), (0.8f, 40, 34) };
        var model = ml.Calibration().Calibrators.Beta(Options).Fit(ml.Data.LoadFromEnumerable(Groups(groups)));

        var m = new double[3, 3];
        var rhs = new double[3];
        for (int g = 0; g < 3; g++)
        {
            double p = groups[g].P, r = (double)groups[g].Positives / groups[g].Rows;
            m[g, 0] = Math.Log(p);
            m[g, 1] = -Math.Log(1 - p);
            m[g, 2] = 1;
            rhs[g] = Math.Log(r / (1 - r));
        }
        var expected = Cramer(m, rhs);
        Assert.True(expected[0] >= 0 && expected[1] >= 0, "The chosen groups must satisfy the constraint.");
        Assert.Equal(expected[0], model.A, 4);
        Assert.Equal(expected[1], model.B, 4);
        Assert.Equal(expected[2], model.C, 4);
        for (int g = 0; g < 3; g++)
            Assert.Equal((double)groups[g].Positives / groups[g].Rows, model.Calibrate(groups[g].P), 5);
    }

    /// <summary>
    /// Rates that fall where p rises at the low end push a below 0; the constrained fit then drops ln p (a = 0) and the
    /// result is the maximum-likelihood fit on -ln(1 - p) alone: its score equations sum(q - y) = 0 and
    /// sum((q - y) (-ln(1 - p))) = 0 hold.
    /// </summary>
    [Fact]
    public void NegativeCoefficientIsDroppedAndTheRestRefitted()
    {
        var ml = new MLContext(1);
        var groups = new (float P, int Rows, int Positives)[] { (0.05f, 50, 30), (0.3f, 50, 10), (0.6f, 50, 25), (0.9f, 50, 45) };
        var rows = Groups(groups);
        var unconstrained = MLNetExtensions.Calibration.Calibrators.BetaCalibrationEstimator.Fit(
            rows.Select(r => Math.Log(r.Probability / (1.0 - r.Probability))).ToArray(), rows.Select(r => (int)r.Label).ToArray(), useA: true, useB: true);
        Assert.True(unconstrained.A < 0, $"The unconstrained fit should give a < 0, got {unconstrained.A}.");

        var model = ml.Calibration().Calibrators.Beta(Options).Fit(ml.Data.LoadFromEnumerable(rows));
        Assert.Equal(0, model.A);
        Assert.True(model.B >= 0);
        double g0 = 0, g1 = 0;
        foreach (var r in rows)
        {
            double q = model.Calibrate(r.Probability) - r.Label;
            g0 += q;
            g1 += q * -Math.Log(1 - (double)r.Probability);
        }
        Assert.InRange(g0 / rows.Count, -1e-6, 1e-6);
        Assert.InRange(g1 / rows.Count, -1e-6, 1e-6);
    }

    /// <summary>Labels drawn from the identity map (y ~ Bernoulli(p)) give a ≈ b ≈ 1 and c ≈ 0 on a large sample.</summary>
    [Fact]
    public void CalibratedInputGivesNearlyTheIdentity()
    {
        var ml = new MLContext(1);
        var random = new Random(5);
        var rows = Enumerable.Range(0, 50_000).Select(_ =>
        {
            double z = 2 * CalibrationTestData.Normal(random);
            return new CalibrationTestData.ScoreRow { Score = (float)z, Label = random.NextDouble() < 1 / (1 + Math.Exp(-z)) };
        }).ToList();
        var model = ml.Calibration().Calibrators.Beta().Fit(ml.Data.LoadFromEnumerable(rows));
        Assert.InRange(model.A, 0.9, 1.1);
        Assert.InRange(model.B, 0.9, 1.1);
        Assert.InRange(model.C, -0.1, 0.1);
    }

    private static double[] Cramer(double[,] m, double[] rhs)
    {
        static double Det(double[,] a) =>
            a[0, 0] * (a[1, 1] * a[2, 2] - a[1, 2] * a[2, 1]) - a[0, 1] * (a[1, 0] * a[2, 2] - a[1, 2] * a[2, 0]) + a[0, 2] * (a[1, 0] * a[2, 1] - a[1, 1] * a[2, 0]);
        double d = Det(m);
        var result = new double[3];
        for (int c = 0; c < 3; c++)
        {
            var copy = (double[,])m.Clone();
            for (int r = 0; r < 3; r++) copy[r, c] = rhs[r];
            result[c] = Det(copy) / d;
        }
        return result;
    }
}
