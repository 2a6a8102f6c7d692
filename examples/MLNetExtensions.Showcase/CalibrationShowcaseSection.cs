using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration;
using MLNetExtensions.Calibration.Calibrators;
using MLNetExtensions.Calibration.Metrics;
using MLNetExtensions.Reporting;
using MLNetExtensions.Trainers;

namespace MLNetExtensions.Showcase;

/// <summary>
/// Showcase section "Calibration": an over-confident MLP (trained long on few rows whose labels are genuinely
/// uncertain), its reliability diagram, the calibrators compared on held-out data, and CaPE fine-tuning; since the
/// true probabilities are known, each is also scored by its mean squared error to them.
/// </summary>
internal static class CalibrationShowcaseSection
{
    public static CalibrationSectionResult Run(MLContext ml, MarkdownReport report, ShowcaseOptions options, TextWriter log)
    {
        int trainRows = Math.Max(options.TrainingRows / 10, 1_000);
        int calibrationRows = Math.Max(options.TestRows / 2, 1_000);
        int testRows = Math.Max(options.TestRows, 2_000);
        log.WriteLine($"[showcase] calibration: {trainRows:N0} training, {calibrationRows:N0} calibration and {testRows:N0} test rows with known P(y = 1 | x)");
        var train = ml.Data.LoadFromEnumerable(ProbabilisticBinaryData.Generate(trainRows, options.Seed + 10));
        var calibrationSet = ml.Data.LoadFromEnumerable(ProbabilisticBinaryData.Generate(calibrationRows, options.Seed + 11));
        var testList = ProbabilisticBinaryData.Generate(testRows, options.Seed + 12);
        var test = ml.Data.LoadFromEnumerable(testList);
        var truth = testList.Select(r => (double)r.TrueProbability).ToArray();

        // Big network, small data, many epochs and no early stopping: the classic recipe for over-confidence.
        var mlp = ml.Torch().MlpBinaryClassifier(new TorchMlpOptions
        {
            HiddenLayers = new[] { 128, 128 },
            NumberOfEpochs = options.CalibrationEpochs,
            LearningRate = 3e-3,
            BatchSize = 64,
            ValidationFraction = 0,
            Seed = options.Seed,
        }).Fit(train);
        var scoredCalibration = mlp.Transform(calibrationSet);
        var scoredTest = mlp.Transform(test);
        var calibration = ml.Calibration();
        var evaluation = new CalibrationEvaluationOptions { NumberOfBins = 15 };
        var before = calibration.EvaluateBinary(scoredTest, options: evaluation);
        log.WriteLine($"[showcase] over-confident MLP: ECE {before.Ece:F4}, log loss {before.LogLoss:F4}, accuracy {before.Accuracy:F4}");

        log.WriteLine("[showcase] fitting temperature, beta, histogram binning, Platt and isotonic on the calibration set");
        var comparison = calibration.CompareCalibrators(scoredCalibration, scoredTest, new CalibratorComparisonOptions { Evaluation = evaluation });
        var temperature = calibration.Calibrators.Temperature().Fit(scoredCalibration);
        var temperatureScored = temperature.Transform(scoredTest);
        var after = calibration.EvaluateBinary(temperatureScored, options: evaluation);
        log.WriteLine($"[showcase] temperature T = {temperature.Temperature:F3}: ECE {after.Ece:F4}, log loss {after.LogLoss:F4}, accuracy {after.Accuracy:F4}");

        // CaPE's soft targets come from the model's own predictions on the data it is fine-tuned on; on the rows the
        // MLP memorised they merely echo the labels, so it is fine-tuned on the held-out calibration set like the others
        // (80 % to fit, 20 % to choose the epoch).
        log.WriteLine("[showcase] CaPE: fine-tuning the MLP with equal-mass-bin soft targets on the calibration set");
        var capeRun = calibration.Calibrators.CaPE(mlp, new CapeOptions { Seed = options.Seed, NumberOfEpochs = options.CalibrationEpochs / 3 + 5 })
            .FitWithHistory(calibrationSet, null);
        var capeScored = capeRun.Model.Transform(test);
        var capeMetrics = calibration.EvaluateBinary(capeScored, options: evaluation);
        log.WriteLine($"[showcase] CaPE (epoch {capeRun.SelectedEpoch} of {capeRun.Epochs.Count - 1} selected): ECE {capeMetrics.Ece:F4}, " +
                      $"log loss {capeMetrics.LogLoss:F4}, accuracy {capeMetrics.Accuracy:F4}");

        double mseBefore = MseToTruth(scoredTest, truth), mseTemperature = MseToTruth(temperatureScored, truth), mseCape = MseToTruth(capeScored, truth);

        report.Heading("Calibration");
        report.Paragraph(
            $"Task: P(y = 1 | x) = sigmoid(3 (1 - x0² - x1²) + x2), labels drawn from it, so the true probability of every row is known. " +
            $"An MLP 8-128-128-1 trained for {options.CalibrationEpochs} epochs on only {trainRows:N0} rows, without early stopping, " +
            $"is over-confident. Calibrators are fitted on {calibrationRows:N0} held-out rows and evaluated on {testRows:N0} test rows " +
            "(15 equal-width bins, [a, b) with the last bin closed).");
        report.Table(new[] { "calibrator", "parameters", "ECE", "smooth ECE", "KS", "Brier", "log loss", "accuracy", "AUC" },
            comparison.Rows.Select(r => (IReadOnlyList<object?>)new object?[]
            {
                r.Calibrator, r.Parameters, r.Metrics.Ece, r.Metrics.SmoothEce, r.Metrics.Ks, r.Metrics.Brier, r.Metrics.LogLoss, r.Metrics.Accuracy, r.Metrics.Auc,
            }).Append(new object?[]
            {
                "CaPE (fine-tuned MLP)", $"bin targets, epoch {capeRun.SelectedEpoch}", capeMetrics.Ece, capeMetrics.SmoothEce, capeMetrics.Ks, capeMetrics.Brier,
                capeMetrics.LogLoss, capeMetrics.Accuracy, capeMetrics.Auc,
            }));
        report.Paragraph(
            $"Mean squared error to the true probability: uncalibrated {mseBefore:G4}, temperature scaling {mseTemperature:G4}, CaPE {mseCape:G4}. " +
            $"Temperature scaling (T = {temperature.Temperature:G4}) divides the logit, so it cannot change which side of 0.5 a row falls on: " +
            $"accuracy {before.Accuracy:G4} before and {after.Accuracy:G4} after.");
        before.ReliabilityCurve.SavePng(Path.Combine(report.Folder, "calibration-uncalibrated.png"), $"Over-confident MLP (ECE {before.Ece:F3})");
        report.Image("calibration-uncalibrated.png", "Reliability diagram of the over-confident MLP");
        after.ReliabilityCurve.SavePng(Path.Combine(report.Folder, "calibration-temperature.png"), $"After temperature scaling (ECE {after.Ece:F3})");
        report.Image("calibration-temperature.png", "Reliability diagram after temperature scaling");

        return new CalibrationSectionResult(before.Ece, after.Ece, before.LogLoss, after.LogLoss, before.Accuracy, after.Accuracy, capeMetrics.Ece);
    }

    private static double MseToTruth(IDataView scored, double[] truth)
    {
        var probabilities = scored.GetColumn<float>("Probability").ToArray();
        double sum = 0;
        for (int i = 0; i < truth.Length; i++)
            sum += (probabilities[i] - truth[i]) * (probabilities[i] - truth[i]);
        return sum / truth.Length;
    }
}

/// <summary>The calibration section's headline figures (test set).</summary>
internal sealed record CalibrationSectionResult(double EceBefore, double EceAfterTemperature, double LogLossBefore, double LogLossAfterTemperature,
    double AccuracyBefore, double AccuracyAfterTemperature, double EceAfterCape);
