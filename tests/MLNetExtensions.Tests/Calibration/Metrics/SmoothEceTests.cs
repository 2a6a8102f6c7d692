using MLNetExtensions.Calibration.Metrics;
using Xunit;

namespace MLNetExtensions.Tests.Calibration.Metrics;

public class SmoothEceTests
{
    [Theory]
    // By formula: with one distinct score f every kernel sits on the same point, so smECE_sigma = |f - mean(y)|
    // for every sigma, and the fixed point is that value too. 0.0 and 1.0 test the reflection at the ends.
    [InlineData(0.7, 0.5)]
    [InlineData(1.0, 0.5)]
    [InlineData(0.0, 0.25)]
    [InlineData(0.5, 0.5)]
    public void ConstantForecastGivesItsBiasExactly(double f, double positiveRate)
    {
        int n = 400, positives = (int)(n * positiveRate);
        var p = Enumerable.Repeat(f, n).ToArray();
        var y = Enumerable.Range(0, n).Select(i => i < positives ? 1f : 0f).ToArray();

        var (value, sigma) = SmoothCalibrationError.ComputeWithBandwidth(p, y);

        Assert.Equal(Math.Abs(f - positiveRate), value, 9);
        // A zero bias has its fixed point below the grid's resolution: sigma is then the smallest bandwidth, 2 steps.
        Assert.Equal(Math.Max(Math.Abs(f - positiveRate), 2.0 / (SmoothCalibrationError.GridPoints - 1)), sigma, 4);
    }

    [Fact]
    public void BandwidthIsTheFixedPoint()
    {
        var sample = new SyntheticCalibrationData(slope: 1.6).Draw(3000, seed: 4);

        var (value, sigma) = SmoothCalibrationError.ComputeWithBandwidth(sample.Probabilities, sample.Labels);

        Assert.Equal(sigma, SmoothCalibrationError.ComputeAtBandwidth(sample.Probabilities, sample.Labels, sigma), 4);
        Assert.Equal(value, sigma, 4);
        Assert.InRange(value, 0.01, 0.2);
    }

    [Theory]
    [InlineData(0.03)]
    [InlineData(0.1)]
    [InlineData(0.4)]
    public void GridResultMatchesTheDirectIntegral(double sigma)
    {
        // Independent reference from the definition: integral over [0, 1] of |(1/N) sum_i K(t, f_i) r_i| with the
        // exact reflected Gaussian K(t, f) = sum_m phi(t - f - 2m) + phi(t + f - 2m), midpoint rule on 5,000 cells.
        var sample = new SyntheticCalibrationData(slope: 0.6, intercept: 0.4).Draw(300, seed: 9);
        var f = sample.Probabilities;
        var y = sample.Labels;
        double Phi(double x) => Math.Exp(-0.5 * x * x / (sigma * sigma)) / (sigma * Math.Sqrt(2 * Math.PI));
        const int cells = 5_000;
        double integral = 0;
        for (int c = 0; c < cells; c++)
        {
            double t = (c + 0.5) / cells, s = 0;
            for (int i = 0; i < f.Length; i++)
            {
                double k = 0;
                for (int m = -2; m <= 2; m++)
                    k += Phi(t - f[i] - 2 * m) + Phi(t + f[i] - 2 * m);
                s += k * (f[i] - y[i]);
            }
            integral += Math.Abs(s / f.Length) / cells;
        }

        Assert.Equal(integral, SmoothCalibrationError.ComputeAtBandwidth(f, y, sigma), 4);
    }
}
