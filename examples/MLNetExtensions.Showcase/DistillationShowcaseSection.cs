using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;
using MLNetExtensions.Calibration;
using MLNetExtensions.Calibration.Metrics;
using MLNetExtensions.Distillation;
using MLNetExtensions.Distillation.Reporting;
using MLNetExtensions.Distillation.Trainers;
using MLNetExtensions.Reporting;
using MLNetExtensions.Trainers;

namespace MLNetExtensions.Showcase;

/// <summary>
/// Showcase section "Distillation": a LightGBM teacher distilled into a small Torch MLP (plain, KD and BD-KD students)
/// on the generated task with known probabilities; one table from <c>mlContext.Distillation().Compare</c> (accuracy,
/// log loss, ECE, Brier, size, latency) and a reliability diagram per model.
/// </summary>
internal static class DistillationShowcaseSection
{
    public static DistillationSectionResult Run(MLContext ml, MarkdownReport report, ShowcaseOptions options, TextWriter log)
    {
        int trainRows = Math.Max(options.TrainingRows / 5, 2_000);
        int testRows = Math.Max(options.TestRows, 2_000);
        log.WriteLine($"[showcase] distillation: LightGBM teacher -> MLP 16-16 students on {trainRows:N0} training and {testRows:N0} test rows");
        var train = ml.Data.Cache(ml.Data.LoadFromEnumerable(ProbabilisticBinaryData.Generate(trainRows, options.Seed + 20)));
        var test = ml.Data.Cache(ml.Data.LoadFromEnumerable(ProbabilisticBinaryData.Generate(testRows, options.Seed + 21)));

        // A regularised teacher (its probabilities are what the students learn; an over-fit one would hand on its over-confidence).
        var teacher = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfLeaves = 8,
            NumberOfIterations = 100,
            LearningRate = 0.05,
            MinimumExampleCountPerLeaf = 50,
            Seed = options.Seed,
        }).Fit(train);
        DistillationOptions Student(DistillationLoss loss) => new()
        {
            Loss = loss,
            Temperature = 2,
            Alpha = 0.5,
            Student = new TorchMlpOptions { HiddenLayers = new[] { 16, 16 }, NumberOfEpochs = options.Epochs, LearningRate = 3e-3, BatchSize = 128, Seed = options.Seed },
        };
        var models = new List<DistillationModel> { new("LightGBM 100x8", "teacher", teacher) };
        foreach (var (name, loss) in new[] { ("plain", DistillationLoss.Plain), ("KD", DistillationLoss.Kd), ("BD-KD", DistillationLoss.BdKd) })
        {
            var student = ml.Distillation().Trainers.BinaryStudent(loss == DistillationLoss.Plain ? null : teacher, Student(loss)).Fit(train);
            log.WriteLine($"[showcase] {name} student trained ({student.TrainingHistory!.Duration.TotalSeconds:F1} s)");
            models.Add(new DistillationModel(name, loss == DistillationLoss.Plain ? "student (no teacher)" : "student", student));
        }
        var comparison = ml.Distillation().Compare(test, models);

        report.Heading("Distillation");
        report.Paragraph(
            "A LightGBM teacher (100 trees of 8 leaves) distilled into an MLP 8-16-16-1 student with `mlContext.Distillation()`: " +
            "`plain` is the same MLP trained on the labels alone, `KD` Hinton's loss (T = 2, alpha = 0.5), `BD-KD` the entropy-gap-balanced " +
            $"forward/reverse KL. Same task as the calibration section (true probabilities known); {trainRows:N0} training and {testRows:N0} test rows, " +
            $"{options.Epochs} epochs. Every figure is on the test rows; µs/row is batched Transform time per row on this machine.");
        report.Table(new[] { "model", "role", "accuracy", "log loss", "ECE", "Brier", "parameters", "saved bytes", "µs/row" },
            comparison.Rows.Select(r => (IReadOnlyList<object?>)new object?[]
            {
                r.Model, r.Role, r.Accuracy, r.LogLoss, r.Ece, r.Brier, r.Parameters?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a (trees)", r.ModelBytes.ToString("N0", CultureInfo.InvariantCulture), r.LatencyMicrosecondsPerRow,
            }));
        var teacherRow = comparison.Rows[0];
        var bdkd = comparison["BD-KD"];
        report.Paragraph(
            $"The students are {bdkd.ModelBytes * 100.0 / teacherRow.ModelBytes:F1} % of the teacher's saved size and score " +
            $"{teacherRow.LatencyMicrosecondsPerRow / Math.Max(bdkd.LatencyMicrosecondsPerRow, 1e-9):F1}x faster per row. The reliability diagrams below " +
            "(15 equal-width bins, Wilson intervals) show how each model's probabilities match the observed frequencies.");
        var evaluation = new CalibrationEvaluationOptions { NumberOfBins = 15 };
        var files = new List<string>();
        foreach (var m in models)
        {
            var metrics = ml.Calibration().EvaluateBinary(m.Model.Transform(test), options: evaluation);
            string file = $"distillation-{new string(m.Name.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray())}.png";
            metrics.ReliabilityCurve.SavePng(Path.Combine(report.Folder, file), $"{m.Name} (ECE {metrics.Ece:F3})", 600, 600);
            report.Image(file, $"Reliability diagram: {m.Name}");
            files.Add(file);
        }
        log.WriteLine($"[showcase] distillation: teacher ECE {teacherRow.Ece:F4}, plain {comparison["plain"].Ece:F4}, KD {comparison["KD"].Ece:F4}, BD-KD {bdkd.Ece:F4}");
        return new DistillationSectionResult(comparison, files);
    }
}

/// <summary>The distillation section's report (test set) and the reliability-diagram files it wrote.</summary>
internal sealed record DistillationSectionResult(DistillationReport Report, IReadOnlyList<string> Files);
