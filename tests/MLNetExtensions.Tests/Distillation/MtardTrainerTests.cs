using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Distillation;
using MLNetExtensions.Distillation.Adversarial;
using MLNetExtensions.Distillation.Trainers;
using MLNetExtensions.Persistence;
using MLNetExtensions.Trainers;
using Xunit;
using Xunit.Abstractions;

namespace MLNetExtensions.Tests.Distillation;

public class MtardTrainerTests
{
    private readonly ITestOutputHelper _output;

    public MtardTrainerTests(ITestOutputHelper output) => _output = output;

    private static MtardOptions Options(int epochs, int batch = 64, double eps = 0.2) => new()
    {
        Student = new TorchMlpOptions { HiddenLayers = new[] { 16 }, NumberOfEpochs = epochs, LearningRate = 0.01, BatchSize = batch, Seed = 1 },
        Attack = new PgdOptions { Epsilon = eps, StepSize = eps / 4, Steps = 5 },
        TemperatureLearningRate = 0.05,
    };

    private sealed class TrueProbabilityRow
    {
        public float TrueProbability { get; set; }
    }

    private sealed class LogitRow
    {
        public float Score { get; set; }
    }

    /// <summary>A "teacher" whose Score is <paramref name="sharpness"/> times the true log-odds: sharp for large, flat for small values.</summary>
    private static ITransformer LogOddsTeacher(MLContext ml, IDataView data, float sharpness) =>
        ml.Transforms.CustomMapping<TrueProbabilityRow, LogitRow>((input, output) =>
        {
            float p = Math.Clamp(input.TrueProbability, 1e-4f, 1 - 1e-4f);
            output.Score = sharpness * MathF.Log(p / (1 - p));
        }, contractName: null).Fit(data);

    [Fact]
    public void TemperaturesAndWeightsMoveInTheDocumentedDirection()
    {
        var ml = new MLContext(seed: 1);
        var train = DistillationTestData.Binary(ml, 640, seed: 3);
        var teachers = new[]
        {
            new MtardTeacher("sharp", LogOddsTeacher(ml, train, 6f), MtardInput.Natural),
            new MtardTeacher("flat", LogOddsTeacher(ml, train, 0.3f), MtardInput.Natural),
        };
        var trainer = ml.Distillation().Trainers.BinaryMultiTeacherStudent(teachers, Options(epochs: 3));
        trainer.Fit(train);
        var balance = trainer.LastBalance!;
        Assert.Equal(30, balance.History.Count);   // 10 batches x 3 epochs

        // Temperatures: at every step the teacher with the lower entropy is heated (tau += eta) and the other cooled,
        // never below 1 - so the flat teacher stays at 1.
        var previous = new[] { 1.0, 1.0 };
        foreach (var step in balance.History)
        {
            int sharper = step.Entropies[0] < step.Entropies[1] ? 0 : 1;
            Assert.Equal(Math.Min(previous[sharper] + 0.05, 10), step.Temperatures[sharper], 12);
            Assert.Equal(Math.Max(previous[1 - sharper] - 0.05, 1), step.Temperatures[1 - sharper], 12);
            previous = step.Temperatures;
        }
        Assert.True(balance.Temperatures[0] > 2, $"sharp teacher's temperature {balance.Temperatures[0]}");
        Assert.Equal(1.0, balance.Temperatures[1]);

        // Weights: each step moves w_k a fraction eta_w toward Lhat_k / sum Lhat, Lhat_k = L_k / L_k(first batch).
        var first = balance.History[0].Losses;
        var weights = new[] { 0.5, 0.5 };
        foreach (var step in balance.History)
        {
            var relative = step.Losses.Select((l, k) => l / first[k]).ToArray();
            for (int k = 0; k < 2; k++)
            {
                double expected = weights[k] - 0.025 * (weights[k] - relative[k] / relative.Sum());
                Assert.Equal(expected, step.Weights[k], 9);
            }
            weights = step.Weights;
        }
        _output.WriteLine($"final tau {string.Join(", ", balance.Temperatures)}, w {string.Join(", ", balance.Weights)}");
    }

    [Fact]
    public void FrozenTeachersAreNeverModifiedAndTheStudentRoundTrips()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.Cache(DistillationTestData.Binary(ml, 400, seed: 5));
        var lightGbm = new DistillationTestData.CountingTeacher(
            ml.BinaryClassification.Trainers.LightGbm(numberOfLeaves: 8, numberOfIterations: 40, minimumExampleCountPerLeaf: 10).Fit(train));
        var robust = ml.Distillation().Trainers.BinaryAdversarial(new AdversarialTrainingOptions
        {
            Network = new TorchMlpOptions { HiddenLayers = new[] { 16 }, NumberOfEpochs = 3, LearningRate = 0.01, BatchSize = 64, Seed = 2 },
            Attack = new PgdOptions { Epsilon = 0.2, StepSize = 0.05, Steps = 5 },
        }).Fit(train);
        var before = robust.Network.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());
        var lightGbmBefore = lightGbm.Transform(train).GetColumn<float>("Probability").ToArray();
        var robustBefore = robust.Transform(train).GetColumn<float>("Score").ToArray();
        int callsBefore = lightGbm.TransformCalls;

        var trainer = ml.Distillation().Trainers.BinaryMultiTeacherStudent(new[]
        {
            new MtardTeacher("lightgbm", lightGbm, MtardInput.Natural),
            new MtardTeacher("robust", robust, MtardInput.Adversarial),
        }, Options(epochs: 2, batch: 100));
        var student = trainer.Fit(train);

        Assert.Equal(callsBefore + 1, lightGbm.TransformCalls);   // natural teacher: queried once, cached
        foreach (var (name, tensor) in robust.Network.state_dict())
            Assert.True(tensor.allclose(before[name], rtol: 0, atol: 0), $"robust teacher tensor {name} changed");
        Assert.False(robust.Network.training);
        Assert.Equal(robustBefore, robust.Transform(train).GetColumn<float>("Score").ToArray());
        Assert.Equal(lightGbmBefore, lightGbm.Transform(train).GetColumn<float>("Probability").ToArray());
        Assert.Equal(8, trainer.LastBalance!.History.Count);   // 4 batches x 2 epochs
        Assert.Equal(0, trainer.LastPerturbedTransformCalls);  // a Torch teacher is run directly

        string path = Path.Combine(Path.GetTempPath(), $"mtard-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.SaveWithExtensions(student, train.Schema, path);
            var loaded = ml.Model.LoadWithExtensions(path, out _);
            Assert.Equal(student.Transform(train).GetColumn<float>("Score").ToArray(), loaded.Transform(train).GetColumn<float>("Score").ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TreeTeacherOnAdversarialRowsIsQueriedOncePerBatch()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.Cache(DistillationTestData.Binary(ml, 300, seed: 6));
        var lightGbm = new DistillationTestData.CountingTeacher(
            ml.BinaryClassification.Trainers.LightGbm(numberOfLeaves: 8, numberOfIterations: 30, minimumExampleCountPerLeaf: 10).Fit(train));
        var trainer = ml.Distillation().Trainers.BinaryMultiTeacherStudent(new[] { new MtardTeacher("lightgbm", lightGbm, MtardInput.Adversarial) }, Options(epochs: 2, batch: 100));
        trainer.Fit(train);
        Assert.Equal(6, trainer.LastPerturbedTransformCalls);   // 3 batches x 2 epochs, one batched Transform each
        Assert.Equal(6, lightGbm.TransformCalls);
        Assert.Equal(new[] { 1.0 }, trainer.LastBalance!.Weights);
    }

    [Fact]
    public void BadTeachersAreNamed()
    {
        var ml = new MLContext(seed: 1);
        var train = DistillationTestData.Binary(ml, 100, seed: 1);
        var teacher = LogOddsTeacher(ml, train, 1f);
        Assert.Throws<ArgumentException>(() => ml.Distillation().Trainers.BinaryMultiTeacherStudent(Array.Empty<MtardTeacher>(), Options(1)));
        var e = Assert.Throws<ArgumentException>(() => ml.Distillation().Trainers.BinaryMultiTeacherStudent(
            new[] { new MtardTeacher("a", teacher, MtardInput.Natural), new MtardTeacher("a", teacher, MtardInput.Natural) }, Options(1)));
        Assert.Contains("'a'", e.Message);
        // A teacher that reads a raw column (TrueProbability) cannot be queried on perturbed feature vectors.
        var raw = Assert.Throws<ArgumentException>(() => ml.Distillation().Trainers.BinaryMultiTeacherStudent(
            new[] { new MtardTeacher("raw", teacher, MtardInput.Adversarial) }, Options(1)).Fit(train));
        Assert.Contains("'raw'", raw.Message);
        Assert.Contains("TrueProbability", raw.Message);
        var o = Options(1);
        o.MaxTemperature = 0.5;
        Assert.Equal("MaxTemperature", Assert.Throws<ArgumentOutOfRangeException>(() => ml.Distillation().Trainers.BinaryMultiTeacherStudent(
            new[] { new MtardTeacher("a", teacher, MtardInput.Natural) }, o)).ParamName);
    }
}
