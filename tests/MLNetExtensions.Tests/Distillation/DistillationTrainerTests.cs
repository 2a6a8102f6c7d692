using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration;
using MLNetExtensions.Data;
using MLNetExtensions.Distillation;
using MLNetExtensions.Distillation.Trainers;
using MLNetExtensions.Persistence;
using MLNetExtensions.Showcase;
using MLNetExtensions.Trainers;
using MLNetExtensions.Training;
using Xunit;
using Xunit.Abstractions;

namespace MLNetExtensions.Tests.Distillation;

public class DistillationTrainerTests
{
    private readonly ITestOutputHelper _output;

    public DistillationTrainerTests(ITestOutputHelper output) => _output = output;

    private static DistillationOptions Options(DistillationLoss loss, int epochs = 10, int seed = 1) => new()
    {
        Loss = loss,
        Temperature = 2,
        Alpha = 0.7,
        Student = new TorchMlpOptions { HiddenLayers = new[] { 16 }, NumberOfEpochs = epochs, LearningRate = 0.01, BatchSize = 64, Seed = seed },
    };

    private static ITransformer LightGbmTeacher(MLContext ml, IDataView train) =>
        ml.BinaryClassification.Trainers.LightGbm(numberOfLeaves: 8, numberOfIterations: 60, minimumExampleCountPerLeaf: 10).Fit(train);

    [Fact]
    public void KdStudentOfLightGbmTeacherBeatsPlainStudentOnLogLoss()
    {
        // 400 training rows of a noisy task, a 64-64 student trained 80 epochs: alone it over-fits the hard labels and
        // becomes over-confident; the teacher's soft labels hold it back. Seeded, so the figures are fixed.
        var ml = new MLContext(seed: 1);
        var train = DistillationTestData.Binary(ml, 400, seed: 11);
        var test = DistillationTestData.Binary(ml, 2000, seed: 12);
        var teacher = LightGbmTeacher(ml, train);
        DistillationOptions O(DistillationLoss loss)
        {
            var o = Options(loss, epochs: 80);
            o.Student.HiddenLayers = new[] { 64, 64 };
            o.Alpha = 0.9;
            return o;
        }
        var plain = ml.Distillation().Trainers.BinaryStudent(null, O(DistillationLoss.Plain)).Fit(train);
        var kd = ml.Distillation().Trainers.BinaryStudent(teacher, O(DistillationLoss.Kd)).Fit(train);
        var bdkd = ml.Distillation().Trainers.BinaryStudent(teacher, O(DistillationLoss.BdKd)).Fit(train);

        double LogLoss(ITransformer m) => ml.Calibration().EvaluateBinary(m.Transform(test)).LogLoss;
        double plainLoss = LogLoss(plain), kdLoss = LogLoss(kd), bdkdLoss = LogLoss(bdkd);
        _output.WriteLine($"test log loss: plain {plainLoss:F4}, kd {kdLoss:F4}, bdkd {bdkdLoss:F4}");
        Assert.True(kdLoss < plainLoss - 0.02, $"KD log loss {kdLoss} vs plain {plainLoss}");
        Assert.True(bdkdLoss < plainLoss - 0.02, $"BD-KD log loss {bdkdLoss} vs plain {plainLoss}");
        Assert.IsType<TorchMlpTransformer>(kd);
    }

    [Fact]
    public void ValidationDataGetsTeacherLogitsTooAndDrivesEarlyStopping()
    {
        var ml = new MLContext(seed: 1);
        var train = DistillationTestData.Binary(ml, 300, seed: 5);
        var validation = DistillationTestData.Binary(ml, 200, seed: 6);
        var counting = new DistillationTestData.CountingTeacher(LightGbmTeacher(ml, train));
        var options = Options(DistillationLoss.Kd, epochs: 4);
        options.Student.EarlyStoppingPatience = 2;
        var student = ml.Distillation().Trainers.BinaryStudent(counting, options).Fit(train, validation);
        Assert.Equal(2, counting.TransformCalls);   // training data once, validation data once
        Assert.All(student.TrainingHistory!.Epochs, e => Assert.True(e.ValidationLoss is > 0));

        options.Student.ValidationFraction = 0.2;   // the split happens after the logits are attached, so rows keep theirs
        var split = ml.Distillation().Trainers.BinaryStudent(counting, options).Fit(train);
        Assert.All(split.TrainingHistory!.Epochs, e => Assert.True(e.ValidationLoss is > 0));
    }

    [Fact]
    public void PlainStudentIsExactlyCoresMlp()
    {
        var ml = new MLContext(seed: 1);
        var train = DistillationTestData.Binary(ml, 300, seed: 1);
        var options = Options(DistillationLoss.Plain, epochs: 3);
        var plain = ml.Distillation().Trainers.BinaryStudent(null, options).Fit(train);
        var core = ml.Torch().MlpBinaryClassifier(options.Student).Fit(train);
        Assert.Equal(Scores(core, train), Scores(plain, train));
    }

    [Fact]
    public void FrozenTorchTeacherIsNeverModifiedAndQueriedOnce()
    {
        var ml = new MLContext(seed: 1);
        var train = DistillationTestData.Binary(ml, 300, seed: 2);
        using var torchTeacher = ml.Torch().MlpBinaryClassifier(new TorchMlpOptions { HiddenLayers = new[] { 32 }, NumberOfEpochs = 5, Seed = 3 }).Fit(train);
        var before = torchTeacher.Network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        var teacherScores = Scores(torchTeacher, train);

        foreach (var mode in new[] { TrainingDataMode.InMemory, TrainingDataMode.Streaming })
        {
            var counting = new DistillationTestData.CountingTeacher(torchTeacher);
            var options = Options(DistillationLoss.BdKd, epochs: 3);
            options.Student.DataMode = mode;
            ml.Distillation().Trainers.BinaryStudent(counting, options).Fit(train);
            // Cached: one scoring pass over the training data, whatever the number of epochs or the data mode.
            Assert.Equal(1, counting.TransformCalls);
        }

        foreach (var (name, tensor) in torchTeacher.Network.state_dict())
            Assert.True(tensor.allclose(before[name], rtol: 0, atol: 0), $"teacher tensor {name} changed");
        Assert.False(torchTeacher.Network.training);
        Assert.Equal(teacherScores, Scores(torchTeacher, train));
    }

    [Fact]
    public void StudentSavesLoadsAndScoresBitIdentically()
    {
        var ml = new MLContext(seed: 1);
        var train = DistillationTestData.Binary(ml, 300, seed: 4);
        var student = ml.Distillation().Trainers.BinaryStudent(LightGbmTeacher(ml, train), Options(DistillationLoss.Kd, epochs: 3)).Fit(train);
        string path = Path.Combine(Path.GetTempPath(), $"kd-student-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.SaveWithExtensions(student, train.Schema, path);
            var loaded = ml.Model.LoadWithExtensions(path, out _);
            Assert.Equal(Scores(student, train), Scores(loaded, train));
            var engine = ml.Model.CreatePredictionEngine<ProbabilisticBinaryData.Row, BinaryPrediction>(loaded);
            var row = ProbabilisticBinaryData.Generate(1, seed: 9)[0];
            var prediction = engine.Predict(row);
            Assert.InRange(prediction.Probability, 0f, 1f);
            Assert.Equal(prediction.Score > 0, prediction.PredictedLabel);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MulticlassStudentLearnsFromLightGbmTeacherWithKeysAndEvaluators()
    {
        var ml = new MLContext(seed: 1);
        var train = DistillationTestData.Multiclass(ml, 400, seed: 1);
        var teacher = ml.MulticlassClassification.Trainers.LightGbm(numberOfLeaves: 8, numberOfIterations: 40, minimumExampleCountPerLeaf: 10).Fit(train);
        var options = Options(DistillationLoss.ReverseKl, epochs: 15);
        var student = ml.Distillation().Trainers.MulticlassStudent(teacher, options).Fit(train);
        var metrics = ml.MulticlassClassification.Evaluate(student.Transform(train));
        Assert.True(metrics.MicroAccuracy > 0.85, $"accuracy {metrics.MicroAccuracy}");
        Assert.Equal(new[] { "red", "green", "blue" }.OrderBy(s => s), student.ClassNames!.OrderBy(s => s));
    }

    [Fact]
    public void TeacherWithoutScoreOrProbabilityNamesTheColumnsAndOptions()
    {
        var ml = new MLContext(seed: 1);
        var train = DistillationTestData.Binary(ml, 50, seed: 1);
        var notAClassifier = ml.Transforms.CopyColumns("Copy", "Features").Fit(train);
        var e = Assert.Throws<ArgumentException>(() => ml.Distillation().Trainers.BinaryStudent(notAClassifier, Options(DistillationLoss.Kd)).Fit(train));
        Assert.Contains("'Probability'", e.Message);
        Assert.Contains("'Score'", e.Message);
        Assert.Contains("'Copy'", e.Message);
        Assert.Contains("TeacherScoreColumnName", e.Message);
    }

    [Fact]
    public void ClassCountMismatchNamesTheLabelColumn()
    {
        var ml = new MLContext(seed: 1);
        var three = DistillationTestData.Multiclass(ml, 200, seed: 1);
        var teacher = ml.MulticlassClassification.Trainers.LightGbm(numberOfIterations: 5).Fit(three);
        var rows = Core.TestData.Sectors(200, seed: 2);
        rows[0].Label = "yellow";
        var raw = ml.Data.LoadFromEnumerable(rows);
        var four = ml.Transforms.Conversion.MapValueToKey("Label").Fit(raw).Transform(raw);
        var e = Assert.Throws<ArgumentException>(() => ml.Distillation().Trainers.MulticlassStudent(teacher, Options(DistillationLoss.Kd)).Fit(four));
        Assert.Contains("3 classes", e.Message);
        Assert.Contains("'Label' has 4", e.Message);

        var binaryTeacher = ml.BinaryClassification.Trainers.LightGbm(numberOfIterations: 5).Fit(DistillationTestData.Binary(ml, 100, 1));
        var binaryData = ml.Transforms.Conversion.MapValueToKey("Label").Fit(DistillationTestData.Binary(ml, 100, 1)).Transform(DistillationTestData.Binary(ml, 100, 1));
        var e2 = Assert.Throws<ArgumentException>(() => ml.Distillation().Trainers.MulticlassStudent(binaryTeacher, Options(DistillationLoss.Kd)).Fit(binaryData));
        Assert.Contains("binary model", e2.Message);
    }

    [Fact]
    public void TeacherFeatureWidthMismatchNamesTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var teacher = LightGbmTeacher(ml, DistillationTestData.Binary(ml, 200, seed: 1));   // 8 features
        var narrow = ml.Data.LoadFromEnumerable(Core.TestData.Ring(100, seed: 1));       // 4 features, same column name
        var e = Assert.Throws<ArgumentException>(() => ml.Distillation().Trainers.BinaryStudent(teacher, Options(DistillationLoss.Kd)).Fit(narrow));
        Assert.Contains("teacher cannot score", e.Message);
        Assert.Contains("Features", e.Message);
    }

    [Fact]
    public void BadOptionsNameTheOption()
    {
        var ml = new MLContext(seed: 1);
        var o = Options(DistillationLoss.Kd);
        o.Alpha = 1.5;
        Assert.Equal("Alpha", Assert.Throws<ArgumentOutOfRangeException>(() => ml.Distillation().Trainers.BinaryStudent(null, o)).ParamName);
        o = Options(DistillationLoss.BdKd);
        o.Temperature = 0;
        Assert.Equal("Temperature", Assert.Throws<ArgumentOutOfRangeException>(() => ml.Distillation().Trainers.BinaryStudent(null, o)).ParamName);
        Assert.Equal("teacher", Assert.Throws<ArgumentNullException>(() => ml.Distillation().Trainers.BinaryStudent(null, Options(DistillationLoss.Kd))).ParamName);
    }

    [Fact]
    public void NaNTeacherOutputIsADataErrorNamingColumnAndRow()
    {
        var ml = new MLContext(seed: 1);
        var rows = ProbabilisticBinaryData.Generate(20, seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows);
        // A "teacher" whose Score is a copy of TrueProbability with one NaN.
        rows[5].TrueProbability = float.NaN;
        var withNaN = ml.Data.LoadFromEnumerable(rows);
        var teacher = ml.Transforms.CopyColumns("Score", "TrueProbability").Fit(data);
        var o = Options(DistillationLoss.Kd);
        var e = Assert.Throws<DataValidationException>(() => ml.Distillation().Trainers.BinaryStudent(teacher, o).Fit(withNaN));
        Assert.Equal("Score", e.ColumnName);
        Assert.Equal(5, e.Row);
    }

    private static float[] Scores(ITransformer model, IDataView data) =>
        model.Transform(data).GetColumn<float>("Score").ToArray();

    private sealed class BinaryPrediction
    {
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }
}
