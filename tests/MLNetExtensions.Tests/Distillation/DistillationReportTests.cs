using System.Text.Json;
using Microsoft.ML;
using MLNetExtensions.Calibration;
using MLNetExtensions.Distillation;
using MLNetExtensions.Distillation.Adversarial;
using MLNetExtensions.Distillation.Reporting;
using MLNetExtensions.Distillation.Trainers;
using MLNetExtensions.Trainers;
using Xunit;

namespace MLNetExtensions.Tests.Distillation;

public class DistillationReportTests
{
    [Fact]
    public void ReportGivesEveryFigureForTeacherAndStudents()
    {
        var ml = new MLContext(seed: 1);
        var train = DistillationTestData.Binary(ml, 300, seed: 1);
        var test = DistillationTestData.Binary(ml, 500, seed: 2);
        var teacher = ml.BinaryClassification.Trainers.LightGbm(numberOfIterations: 30).Fit(train);
        var options = new DistillationOptions
        {
            Student = new TorchMlpOptions { HiddenLayers = new[] { 8 }, NumberOfEpochs = 3, Seed = 1 },
        };
        var kd = ml.Distillation().Trainers.BinaryStudent(teacher, options).Fit(train);

        var report = ml.Distillation().Compare(test, new[]
        {
            new DistillationModel("lightgbm", "teacher", teacher),
            new DistillationModel("kd", "student", kd),
        }, new DistillationReportOptions { LatencyRuns = 1 });

        var student = report["kd"];
        // 8 features -> 8 hidden -> 1 output: 8*8 + 8 + 8*1 + 1 weights and biases.
        Assert.Equal(81, student.Parameters);
        Assert.Null(report["lightgbm"].Parameters);
        Assert.Equal(500, student.Count);
        var reference = ml.Calibration().EvaluateBinary(kd.Transform(test));
        Assert.Equal(reference.Ece, student.Ece);
        Assert.Equal(reference.LogLoss, student.LogLoss);
        Assert.Equal(reference.Brier, student.Brier);
        Assert.Equal(reference.Accuracy, student.Accuracy);
        using (var saved = new MemoryStream())
        {
            ml.Model.Save(teacher, test.Schema, saved);
            Assert.Equal(saved.Length, report["lightgbm"].ModelBytes);
        }
        Assert.All(report.Rows, r => Assert.True(r.ModelBytes > 0 && r.RowsPerSecond > 0 && r.LatencyMicrosecondsPerRow > 0));

        using var json = JsonDocument.Parse(report.ToJson());
        var first = json.RootElement[1];
        Assert.Equal("kd", first.GetProperty("model").GetString());
        foreach (var key in new[] { "role", "count", "accuracy", "log_loss", "ece", "brier", "parameters", "model_bytes", "latency_us_per_row", "rows_per_second" })
            Assert.True(first.TryGetProperty(key, out _), key);
        Assert.Equal(JsonValueKind.Null, json.RootElement[0].GetProperty("parameters").ValueKind);
        Assert.Equal(2, report.ToDataFrame().Rows.Count);
        Assert.Contains("| kd | student |", report.ToMarkdown());
    }

    [Fact]
    public void RobustAccuracyOfMlpModelsUnderTheReportsAttack()
    {
        var ml = new MLContext(seed: 1);
        var train = DistillationTestData.Binary(ml, 300, seed: 1);
        var test = DistillationTestData.Binary(ml, 400, seed: 2);
        var teacher = ml.BinaryClassification.Trainers.LightGbm(numberOfIterations: 20).Fit(train);
        var mlp = ml.Torch().MlpBinaryClassifier(new TorchMlpOptions { HiddenLayers = new[] { 8 }, NumberOfEpochs = 5, LearningRate = 0.01, Seed = 1 }).Fit(train);
        var models = new[] { new DistillationModel("lightgbm", "teacher", teacher), new DistillationModel("mlp", "student", mlp) };
        var attack = new PgdOptions { Epsilon = 0.3, StepSize = 0.075 }.WithSteps(20);
        var report = ml.Distillation().Compare(test, models, new DistillationReportOptions { LatencyRuns = 1, Attack = attack });
        Assert.Null(report["lightgbm"].RobustAccuracy);
        Assert.Equal(new PgdAttack(attack).RobustAccuracy(mlp, test), report["mlp"].RobustAccuracy);
        Assert.True(report["mlp"].RobustAccuracy < report["mlp"].Accuracy);
        Assert.Contains("robust accuracy", report.ToMarkdown());
        using var json = JsonDocument.Parse(report.ToJson());
        Assert.Equal(JsonValueKind.Null, json.RootElement[0].GetProperty("robust_accuracy").ValueKind);
        Assert.Equal(report["mlp"].RobustAccuracy!.Value, json.RootElement[1].GetProperty("robust_accuracy").GetDouble());

        // A zero-radius attack leaves accuracy unchanged; without an attack there is no robust figure.
        var zero = ml.Distillation().Compare(test, models, new DistillationReportOptions { LatencyRuns = 1, Attack = new PgdOptions { Epsilon = 0 } });
        Assert.Equal(zero["mlp"].Accuracy, zero["mlp"].RobustAccuracy!.Value, 10);
        var none = ml.Distillation().Compare(test, models, new DistillationReportOptions { LatencyRuns = 1 });
        Assert.Null(none["mlp"].RobustAccuracy);
        Assert.DoesNotContain("robust", none.ToMarkdown());
    }

    [Fact]
    public void MulticlassReportAndBadInput()
    {
        var ml = new MLContext(seed: 1);
        var data = DistillationTestData.Multiclass(ml, 300, seed: 1);
        var teacher = ml.MulticlassClassification.Trainers.LightGbm(numberOfIterations: 10).Fit(data);
        var report = ml.Distillation().Compare(data, new[] { new DistillationModel("teacher", "teacher", teacher) }, new DistillationReportOptions { LatencyRuns = 1 });
        Assert.Equal(ml.Calibration().EvaluateMulticlass(teacher.Transform(data)).Ece, report["teacher"].Ece);

        var e = Assert.Throws<ArgumentException>(() => ml.Distillation().Compare(data,
            new[] { new DistillationModel("copy", "teacher", ml.Transforms.CopyColumns("X", "Features").Fit(data)) }));
        Assert.Contains("'Score'", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Distillation().Compare(data,
            new[] { new DistillationModel("t", "teacher", teacher) }, new DistillationReportOptions { LabelColumnName = "Nope" }));
    }
}
