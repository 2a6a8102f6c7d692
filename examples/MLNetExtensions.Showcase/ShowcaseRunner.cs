using System.Diagnostics;
using Microsoft.ML;
using MLNetExtensions.Reporting;

namespace MLNetExtensions.Showcase;

/// <summary>
/// Runs the library end to end on generated data and writes a report folder (report.md + PNG plots).
/// Each family adds a section class; <see cref="MlpShowcaseSection"/> shows the core (train, evaluate against a
/// linear baseline, save, reload, serve).
/// </summary>
public static class ShowcaseRunner
{
    /// <summary>Runs the showcase, printing progress to <paramref name="log"/>; returns the figures it reports.</summary>
    public static ShowcaseResult Run(ShowcaseOptions options, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var ml = new MLContext(options.Seed);
        var report = new MarkdownReport(options.OutputFolder, "MLNetExtensions showcase");
        report.Paragraph($"Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `mlnetx showcase`. Every number below was computed in this run.");

        var mlp = MlpShowcaseSection.Run(ml, report, options, log);
        var calibration = CalibrationShowcaseSection.Run(ml, report, options, log);
        var fairness = FairnessShowcaseSection.Run(ml, report, options, log);
        var debiasing = DebiasingShowcaseSection.Run(ml, report, options, log);
        DistillationShowcaseSection.Run(ml, report, options, log);
        ReinforcementShowcaseSection.Run(report, options, log);

        var reportPath = report.Save();
        log.WriteLine($"[showcase] report written to {reportPath} ({clock.Elapsed.TotalSeconds:F1} s)");
        return new ShowcaseResult(reportPath, mlp.MlpAuc, mlp.LinearAuc, mlp.RoundTripMismatches,
            mlp.BatchedRowsPerSecond, mlp.EngineRowsPerSecond, calibration.EceBefore, calibration.EceAfterTemperature,
            calibration.LogLossBefore, calibration.LogLossAfterTemperature, calibration.AccuracyBefore, calibration.AccuracyAfterTemperature,
            calibration.EceAfterCape, fairness) { Debiasing = debiasing };
    }
}

/// <summary>The showcase's headline figures.</summary>
/// <param name="ReportPath">Path of report.md.</param>
/// <param name="MlpAuc">Test AUC of the Torch MLP.</param>
/// <param name="LinearAuc">Test AUC of the linear baseline.</param>
/// <param name="RoundTripMismatches">Test scores whose bits changed after save and load.</param>
/// <param name="BatchedRowsPerSecond">Batched Transform throughput.</param>
/// <param name="EngineRowsPerSecond">PredictionEngine throughput.</param>
/// <param name="EceBefore">Calibration section: test ECE of the over-confident MLP.</param>
/// <param name="EceAfterTemperature">Calibration section: test ECE after temperature scaling.</param>
/// <param name="LogLossBefore">Calibration section: test log loss of the over-confident MLP.</param>
/// <param name="LogLossAfterTemperature">Calibration section: test log loss after temperature scaling.</param>
/// <param name="AccuracyBefore">Calibration section: test accuracy of the over-confident MLP.</param>
/// <param name="AccuracyAfterTemperature">Calibration section: test accuracy after temperature scaling.</param>
/// <param name="EceAfterCape">Calibration section: test ECE of the CaPE fine-tuned MLP.</param>
/// <param name="Fairness">Fairness section: each penalty's test figures on the intersectional-bias task.</param>
public sealed record ShowcaseResult(string ReportPath, double MlpAuc, double LinearAuc, int RoundTripMismatches,
    double BatchedRowsPerSecond, double EngineRowsPerSecond, double EceBefore, double EceAfterTemperature,
    double LogLossBefore, double LogLossAfterTemperature, double AccuracyBefore, double AccuracyAfterTemperature, double EceAfterCape,
    FairnessSectionResult? Fairness = null)
{
    /// <summary>Debiasing section: per method the bias of its own loss estimate against the truth, MSE to the true probabilities, MAR metrics.</summary>
    public DebiasingSectionResult? Debiasing { get; init; }
}
