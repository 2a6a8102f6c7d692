using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration;
using MLNetExtensions.Calibration.Calibrators;
using Xunit;

namespace MLNetExtensions.Tests.Calibration.Calibrators;

public sealed class MatrixScalingTests
{
    private static readonly double[,] TrueW = { { 1.0, 0.5, 0.0 }, { 0.0, 0.8, 0.3 }, { -0.2, 0.0, 1.2 } };
    private static readonly double[] TrueB = { 0.3, -0.1, -0.2 };

    /// <summary>Logits z ~ N(0, 2^2) per class given as the score; labels ~ softmax(TrueW z + TrueB).</summary>
    private static List<CalibrationTestData.MulticlassRow> Rows(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            var z = Enumerable.Range(0, 3).Select(_ => 2 * CalibrationTestData.Normal(random)).ToArray();
            var s = Enumerable.Range(0, 3).Select(c => TrueB[c] + Enumerable.Range(0, 3).Sum(d => TrueW[c, d] * z[d])).ToArray();
            var p = CalibrationTestData.Softmax(s);
            double u = random.NextDouble();
            return new CalibrationTestData.MulticlassRow
            {
                Score = z.Select(v => (float)v).ToArray(),
                Label = (uint)(u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2),
            };
        }).ToList();
    }

    /// <summary>
    /// softmax(W z + b) does not change when one vector is added to every row of W (or one constant to b), so only
    /// W up to that shift is identifiable; the tiny ridge towards I picks the W whose columns of (W - I) have mean 0.
    /// The expected values are TrueW - I with its column means removed, and TrueB centred; n = 40,000.
    /// </summary>
    [Fact]
    public void RecoversAKnownMatrixUpToTheSoftmaxInvariance()
    {
        var ml = new MLContext(1);
        var data = CalibrationTestData.LoadMulticlass(ml, Rows(40_000, seed: 3));
        var model = ml.Calibration().Calibrators.MatrixScaling(new MulticlassCalibratorOptions { ScoreIsProbability = false }).Fit(data);
        for (int d = 0; d < 3; d++)
        {
            double trueMean = Enumerable.Range(0, 3).Average(c => TrueW[c, d] - (c == d ? 1 : 0));
            double fittedMean = Enumerable.Range(0, 3).Average(c => model.Weights[c * 3 + d] - (c == d ? 1 : 0));
            Assert.Equal(0, fittedMean, 6);
            for (int c = 0; c < 3; c++)
                Assert.InRange(model.Weights[c * 3 + d] - (c == d ? 1 : 0) - (TrueW[c, d] - (c == d ? 1 : 0) - trueMean), -0.08, 0.08);
        }
        double trueBMean = TrueB.Average();
        for (int c = 0; c < 3; c++)
            Assert.InRange(model.Biases[c] - (TrueB[c] - trueBMean), -0.08, 0.08);
    }

    /// <summary>Matrix scaling contains vector scaling (diagonal W), so its fit-set NLL is never higher.</summary>
    [Fact]
    public void MatrixScalingNestsVectorScaling()
    {
        var ml = new MLContext(1);
        var rows = Rows(5_000, seed: 4);
        var data = CalibrationTestData.LoadMulticlass(ml, rows);
        var options = new MulticlassCalibratorOptions { ScoreIsProbability = false };
        double Nll(ITransformer model) => model.Transform(data).GetColumn<VBuffer<float>>("Score")
            .Select((v, i) => -Math.Log(Math.Max(v.GetValues()[(int)rows[i].Label], 1e-15))).Average();
        double vector = Nll(ml.Calibration().Calibrators.VectorScaling(options).Fit(data));
        double matrix = Nll(ml.Calibration().Calibrators.MatrixScaling(options).Fit(data));
        Assert.True(matrix <= vector + 1e-6, $"matrix NLL {matrix} vs vector {vector}");
        Assert.True(matrix < vector - 0.01, "the truth has off-diagonal terms, so matrix scaling should fit clearly better");
    }
}
