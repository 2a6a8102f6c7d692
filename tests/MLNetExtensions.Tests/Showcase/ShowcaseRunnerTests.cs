using MLNetExtensions.Showcase;
using Xunit;

namespace MLNetExtensions.Tests.Showcase;

public sealed class ShowcaseRunnerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlnetx-showcase-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void SmallShowcaseWritesReportWithPlotsAndFigures()
    {
        var log = new StringWriter();
        var result = ShowcaseRunner.Run(new ShowcaseOptions { OutputFolder = _folder, TrainingRows = 3000, TestRows = 1000, Epochs = 15, CalibrationEpochs = 40, Seed = 5 }, log);

        Assert.Equal(0, result.RoundTripMismatches);
        Assert.True(result.MlpAuc > result.LinearAuc + 0.2, $"MLP {result.MlpAuc} vs linear {result.LinearAuc}");
        var report = File.ReadAllText(result.ReportPath);
        Assert.Contains("Torch MLP", report);
        Assert.Contains("## Calibration", report);
        // The calibration section's over-confident MLP: temperature scaling lowers ECE and log loss, keeps accuracy.
        Assert.True(result.EceAfterTemperature < result.EceBefore, $"ECE {result.EceBefore} -> {result.EceAfterTemperature}");
        Assert.True(result.LogLossAfterTemperature < result.LogLossBefore, $"log loss {result.LogLossBefore} -> {result.LogLossAfterTemperature}");
        Assert.Equal(result.AccuracyBefore, result.AccuracyAfterTemperature, 3);
        // The fairness section: every penalty narrows the intersectional gap of the unpenalised MLP (DP difference
        // about 0.48 on this task) and CCdCov is reduced; accuracy stays within 6 points.
        Assert.Contains("## Fairness", report);
        var fairness = result.Fairness!.Methods;
        Assert.Equal(new[] { "none", "dCov (A only)", "JdCov (A, B)", "CCdCov (A, B)" }, fairness.Select(m => m.Method));
        Assert.True(fairness[0].DemographicParityDifference > 0.35, $"unpenalised DP {fairness[0].DemographicParityDifference}");
        foreach (var m in fairness.Skip(1))
        {
            Assert.True(m.DemographicParityDifference < 0.7 * fairness[0].DemographicParityDifference, $"{m.Method}: DP {m.DemographicParityDifference} vs {fairness[0].DemographicParityDifference}");
            Assert.True(m.Jsd < fairness[0].Jsd && m.CCdCov < fairness[0].CCdCov, $"{m.Method}: JSD {m.Jsd}, CCdCov {m.CCdCov}");
            Assert.True(m.Accuracy > fairness[0].Accuracy - 0.06, $"{m.Method}: accuracy {m.Accuracy} vs {fairness[0].Accuracy}");
        }
        // The A and B group's selection rate is the lowest without a penalty (the bias sits there).
        Assert.Equal(4, fairness[0].SelectionRateByGroup.Length);
        int both = result.Fairness.GroupNames.ToList().IndexOf("A=True, B=True");
        Assert.Equal(fairness[0].SelectionRateByGroup.Min(), fairness[0].SelectionRateByGroup[both]);
        Assert.Contains("## Distillation", report);
        Assert.Contains("| BD-KD | student |", report);
        foreach (var png in new[] { "mlp-loss.png", "mlp-roc.png", "calibration-uncalibrated.png", "calibration-temperature.png", "fairness-selection-rates.png",
                     "distillation-lightgbm100x8.png", "distillation-plain.png", "distillation-kd.png", "distillation-bdkd.png", "debiasing-bias.png" })
        {
            Assert.Contains($"]({png})", report);
            var bytes = File.ReadAllBytes(Path.Combine(_folder, png));
            Assert.True(bytes.Length > 5000);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]); // PNG signature
        }
        Assert.Contains("epoch 1/15", log.ToString()); // progress is printed while it runs

        // Debiasing section (generated MNAR catalogue, known truth): naive MF's own loss estimate is far off the true loss
        // over all pairs; each propensity-weighted model's (IPS, KBIPS, AKBDR) is off by under half as much, and its
        // predictions are closer to the true probabilities.
        Assert.Contains("## Debiasing", report);
        Assert.Contains("](debiasing-bias.png)", report);
        var debiasing = result.Debiasing!.Methods;
        Assert.Equal(new[] { "naive MF", "IPS", "KBIPS", "AKBDR" }, debiasing.Select(m => m.Method));
        Assert.True(Math.Abs(debiasing[0].Bias) > 0.05, $"naive bias {debiasing[0].Bias}");
        foreach (var m in debiasing.Skip(1))
        {
            Assert.True(Math.Abs(m.Bias) < Math.Abs(debiasing[0].Bias) / 2, $"{m.Method} bias {m.Bias}, naive {debiasing[0].Bias}");
            Assert.True(m.MseToTruth < debiasing[0].MseToTruth, $"{m.Method} MSE {m.MseToTruth}, naive {debiasing[0].MseToTruth}");
        }
    }

    [Fact]
    public void RocCurveMatchesHandComputedPoints()
    {
        // Scores 0.9(+), 0.8(-), 0.8(+), 0.1(-): thresholds give (0,0) (0,.5) (.5,1) (1,1), computed by hand.
        var (fpr, tpr) = RocCurve.Compute(new[] { 0.9f, 0.8f, 0.8f, 0.1f }, new[] { true, false, true, false });
        Assert.Equal(new[] { 0, 0, 0.5, 1 }, fpr);
        Assert.Equal(new[] { 0, 0.5, 1, 1 }, tpr);
    }
}
