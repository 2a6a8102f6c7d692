using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Persistence;
using MLNetExtensions.Reporting;
using MLNetExtensions.Trainers;
using MLNetExtensions.Training;

namespace MLNetExtensions.Showcase;

/// <summary>
/// Showcase section "Torch MLP (core)": train on a nonlinear task, evaluate against a linear baseline, save, reload
/// and serve.
/// </summary>
internal static class MlpShowcaseSection
{
    public static MlpSectionResult Run(MLContext ml, MarkdownReport report, ShowcaseOptions options, TextWriter log)
    {
        log.WriteLine($"[showcase] generating {options.TrainingRows:N0} training and {options.TestRows:N0} test rows (ring task, {NonlinearBinaryData.LabelNoise:P0} label noise)");
        var train = ml.Data.LoadFromEnumerable(NonlinearBinaryData.Generate(options.TrainingRows, options.Seed));
        var testRows = NonlinearBinaryData.Generate(options.TestRows, options.Seed + 1);
        var test = ml.Data.LoadFromEnumerable(testRows);

        var mlpOptions = new TorchMlpOptions
        {
            HiddenLayers = new[] { 64, 64 },
            NumberOfEpochs = options.Epochs,
            LearningRate = 3e-3,
            BatchSize = 256,
            Seed = options.Seed,
            ValidationFraction = 0.1,
            EarlyStoppingPatience = 4,
            Progress = new LogProgress(log),
        };
        log.WriteLine($"[showcase] training Torch MLP 8-64-64-1 for up to {options.Epochs} epochs");
        var fitClock = Stopwatch.StartNew();
        var mlp = ml.Torch().MlpBinaryClassifier(mlpOptions).Fit(train);
        double mlpSeconds = fitClock.Elapsed.TotalSeconds;
        var mlpMetrics = ml.BinaryClassification.Evaluate(mlp.Transform(test));
        log.WriteLine($"[showcase] MLP: AUC {mlpMetrics.AreaUnderRocCurve:F4}, accuracy {mlpMetrics.Accuracy:F4} ({mlpSeconds:F1} s)");

        log.WriteLine("[showcase] training the linear baseline (ML.NET LbfgsLogisticRegression)");
        fitClock.Restart();
        var linear = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(train);
        double linearSeconds = fitClock.Elapsed.TotalSeconds;
        var linearMetrics = ml.BinaryClassification.Evaluate(linear.Transform(test));
        log.WriteLine($"[showcase] linear: AUC {linearMetrics.AreaUnderRocCurve:F4}, accuracy {linearMetrics.Accuracy:F4}");

        log.WriteLine("[showcase] saving with SaveWithExtensions and reloading");
        var modelPath = Path.Combine(report.Folder, "mlp-model.zip");
        ml.Model.SaveWithExtensions(mlp, train.Schema, modelPath);
        var reloaded = ml.Model.LoadWithExtensions(modelPath, out _);
        var before = mlp.Transform(test).GetColumn<float>("Score").ToArray();
        var after = reloaded.Transform(test).GetColumn<float>("Score").ToArray();
        int mismatches = before.Where((s, i) => BitConverter.SingleToInt32Bits(s) != BitConverter.SingleToInt32Bits(after[i])).Count();
        log.WriteLine($"[showcase] round trip: {mismatches} of {before.Length} scores differ in any bit");

        log.WriteLine("[showcase] timing batched Transform against PredictionEngine row by row");
        var (batchedRowsPerSecond, engineRowsPerSecond) = ScoringSpeed(ml, reloaded, test, testRows);
        log.WriteLine($"[showcase] batched {batchedRowsPerSecond:N0} rows/s, PredictionEngine {engineRowsPerSecond:N0} rows/s");

        report.Heading("Torch MLP (core)");
        report.Paragraph(
            $"Task: label = inside the unit circle of (x0, x1), {NonlinearBinaryData.LabelNoise:P0} of labels flipped, six noise features; " +
            $"{options.TrainingRows:N0} training rows, {options.TestRows:N0} test rows. Best possible accuracy is {1 - NonlinearBinaryData.LabelNoise:P0}.");
        report.Table(new[] { "model", "AUC", "accuracy", "F1", "log-loss", "fit seconds" }, new[]
        {
            new object?[] { "Torch MLP 8-64-64-1", mlpMetrics.AreaUnderRocCurve, mlpMetrics.Accuracy, mlpMetrics.F1Score, mlpMetrics.LogLoss, mlpSeconds },
            new object?[] { "LbfgsLogisticRegression", linearMetrics.AreaUnderRocCurve, linearMetrics.Accuracy, linearMetrics.F1Score, linearMetrics.LogLoss, linearSeconds },
        });
        var history = mlp.TrainingHistory!;
        report.Paragraph($"Training: {history}. Save/load round trip: {mismatches} of {before.Length} test scores differ (bit-level). " +
                         $"Scoring: batched Transform {batchedRowsPerSecond:N0} rows/s vs PredictionEngine {engineRowsPerSecond:N0} rows/s " +
                         $"({batchedRowsPerSecond / engineRowsPerSecond:F1}x).");

        var lossPlot = new ScottPlot.Plot();
        var epochs = history.Epochs.Select(e => (double)e.Epoch).ToArray();
        var trainLoss = lossPlot.Add.Scatter(epochs, history.Epochs.Select(e => e.TrainingLoss).ToArray());
        trainLoss.LegendText = "training loss";
        var validationLoss = lossPlot.Add.Scatter(epochs, history.Epochs.Select(e => e.ValidationLoss ?? double.NaN).ToArray());
        validationLoss.LegendText = "validation loss";
        lossPlot.Title("Torch MLP: loss per epoch");
        lossPlot.XLabel("epoch");
        lossPlot.YLabel("binary cross-entropy");
        lossPlot.ShowLegend();
        report.Plot(lossPlot, "mlp-loss.png", "MLP training and validation loss");

        var labels = testRows.Select(r => r.Label).ToArray();
        var rocPlot = new ScottPlot.Plot();
        foreach (var (name, model, auc) in new[] { ("Torch MLP", (ITransformer)mlp, mlpMetrics.AreaUnderRocCurve), ("logistic regression", linear, linearMetrics.AreaUnderRocCurve) })
        {
            var (fpr, tpr) = RocCurve.Compute(model.Transform(test).GetColumn<float>("Score").ToArray(), labels);
            var line = rocPlot.Add.Scatter(fpr, tpr);
            line.MarkerSize = 0;
            line.LegendText = $"{name} (AUC {auc:F3})";
        }
        rocPlot.Title("ROC on the test set");
        rocPlot.XLabel("false-positive rate");
        rocPlot.YLabel("true-positive rate");
        rocPlot.ShowLegend();
        report.Plot(rocPlot, "mlp-roc.png", "ROC curves");

        return new MlpSectionResult(mlpMetrics.AreaUnderRocCurve, linearMetrics.AreaUnderRocCurve, mismatches,
            batchedRowsPerSecond, engineRowsPerSecond);
    }

    private static (double Batched, double Engine) ScoringSpeed(MLContext ml, ITransformer model, IDataView test, List<NonlinearBinaryData.Row> rows)
    {
        var clock = Stopwatch.StartNew();
        int count = 0;
        using (var cursor = model.Transform(test).GetRowCursor(model.GetOutputSchema(test.Schema).Where(c => c.Name == "Probability")))
        {
            var getter = cursor.GetGetter<float>(cursor.Schema["Probability"]);
            float value = 0;
            while (cursor.MoveNext()) { getter(ref value); count++; }
        }
        double batched = count / clock.Elapsed.TotalSeconds;
        var engine = ml.Model.CreatePredictionEngine<NonlinearBinaryData.Row, Prediction>(model);
        clock.Restart();
        foreach (var row in rows)
            engine.Predict(row);
        return (batched, rows.Count / clock.Elapsed.TotalSeconds);
    }

    private sealed class Prediction
    {
        public float Probability { get; set; }
    }

    private sealed class LogProgress(TextWriter log) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => log.WriteLine($"[showcase]   {value}");
    }
}

/// <summary>The MLP section's headline figures.</summary>
internal sealed record MlpSectionResult(double MlpAuc, double LinearAuc, int RoundTripMismatches,
    double BatchedRowsPerSecond, double EngineRowsPerSecond);
