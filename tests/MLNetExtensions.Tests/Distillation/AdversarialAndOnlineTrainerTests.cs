using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration;
using MLNetExtensions.Distillation;
using MLNetExtensions.Distillation.Adversarial;
using MLNetExtensions.Distillation.Losses;
using MLNetExtensions.Distillation.Trainers;
using MLNetExtensions.Persistence;
using MLNetExtensions.Torch;
using MLNetExtensions.Trainers;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MLNetExtensions.Tests.Distillation;

public class AdversarialAndOnlineTrainerTests
{
    private readonly ITestOutputHelper _output;

    public AdversarialAndOnlineTrainerTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void AdversarialTrainingRaisesRobustAccuracy()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.Cache(DistillationTestData.Binary(ml, 1000, seed: 7));
        var test = ml.Data.Cache(DistillationTestData.Binary(ml, 1000, seed: 8));
        var network = new TorchMlpOptions { HiddenLayers = new[] { 32 }, NumberOfEpochs = 8, LearningRate = 0.01, BatchSize = 100, Seed = 1 };
        var attack = new PgdOptions { Epsilon = 0.3, StepSize = 0.075, Steps = 5 };
        var plain = ml.Torch().MlpBinaryClassifier(network).Fit(train);
        var robust = ml.Distillation().Trainers.BinaryAdversarial(new AdversarialTrainingOptions { Network = network, Attack = attack }).Fit(train);
        var pgd20 = new PgdAttack(attack.WithSteps(20));
        double plainRobust = pgd20.RobustAccuracy(plain, test), robustRobust = pgd20.RobustAccuracy(robust, test);
        _output.WriteLine($"PGD-20 robust accuracy: plain {plainRobust:F4}, adversarially trained {robustRobust:F4}");
        Assert.True(robustRobust > plainRobust + 0.03, $"robust {robustRobust} vs plain {plainRobust}");
        Assert.Equal("NaturalWeight", Assert.Throws<ArgumentOutOfRangeException>(() =>
            ml.Distillation().Trainers.BinaryAdversarial(new AdversarialTrainingOptions { NaturalWeight = 2 })).ParamName);
    }

    private static double MeanKl(TorchMlpTransformer student, TorchMlpTransformer teacher, IDataView data)
    {
        var s = student.Transform(data).GetColumn<float>("Score").ToArray();
        var t = teacher.Transform(data).GetColumn<float>("Score").ToArray();
        using var kl = TemperedDistributions.KlDivergence(BinaryLogits.ToTwoClass(tensor(s)), BinaryLogits.ToTwoClass(tensor(t)), 2);
        return kl.mean().item<float>();
    }

    [Fact]
    public void OnlineTeacherIsTrainedJointlyAndPulledTowardTheStudent()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.Cache(DistillationTestData.Binary(ml, 500, seed: 9));
        OnlineDistillationOptions O(double gamma) => new()
        {
            Student = new TorchMlpOptions { HiddenLayers = new[] { 8 }, NumberOfEpochs = 6, LearningRate = 0.01, BatchSize = 50, Seed = 1 },
            Teacher = new TorchMlpOptions { HiddenLayers = new[] { 64, 64 }, LearningRate = 0.01, Seed = 2 },
            Gamma = gamma,
        };
        var free = ml.Distillation().Trainers.BinaryOnlineStudent(O(0));
        var freeStudent = free.Fit(train);
        var tied = ml.Distillation().Trainers.BinaryOnlineStudent(O(2));
        var tiedStudent = tied.Fit(train);
        Assert.Equal(60, tied.LastTeacherSteps);   // 10 batches x 6 epochs
        double freeKl = MeanKl(freeStudent, free.LastTeacher!, train), tiedKl = MeanKl(tiedStudent, tied.LastTeacher!, train);
        _output.WriteLine($"KL(p_s || p_t) at T = 2: gamma 0 {freeKl:F5}, gamma 2 {tiedKl:F5}");
        Assert.True(tiedKl < freeKl * 0.8, $"gamma 2: {tiedKl}, gamma 0: {freeKl}");
        // The teacher learned the task (the generated task's Bayes accuracy is about 0.84).
        Assert.True(ml.Calibration().EvaluateBinary(tied.LastTeacher!.Transform(train)).Accuracy > 0.75);

        string path = Path.Combine(Path.GetTempPath(), $"online-teacher-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.SaveWithExtensions(tied.LastTeacher!, train.Schema, path);
            var loaded = ml.Model.LoadWithExtensions(path, out _);
            Assert.Equal(tied.LastTeacher!.Transform(train).GetColumn<float>("Score").ToArray(), loaded.Transform(train).GetColumn<float>("Score").ToArray());
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Equal("Gamma", Assert.Throws<ArgumentOutOfRangeException>(() => ml.Distillation().Trainers.BinaryOnlineStudent(O(-1))).ParamName);
    }

    [Fact]
    public void OnlineTeacherLossMatchesHandValues()
    {
        // By hand (numpy-free): teacher logits [0, 1], student [0, 0], label 1, T = 1, gamma = 0.5:
        // CE = log(1 + e^-1) = 0.313262; p_s = [0.5, 0.5], p_t = [0.268941, 0.731059];
        // KL(p_s || p_t) = 0.5 log(0.5/0.268941) + 0.5 log(0.5/0.731059) = 0.120115; L = 0.313262 + 0.5 * 0.120115.
        var loss = new OnlineTeacherLoss(1, 0.5, OnlineTeacherDivergence.StudentToTeacher);
        var teacherLogits = tensor(new[] { 0.0, 1.0 }).reshape(1, 2).requires_grad_(true);
        var studentLogits = tensor(new[] { 0.0, 0.0 }).reshape(1, 2).requires_grad_(true);
        var value = loss.PerSample(teacherLogits, studentLogits, tensor(new[] { 1L }));
        double ce = Math.Log(1 + Math.Exp(-1)), pt0 = 1 / (1 + Math.E), pt1 = 1 - pt0;
        double kl = 0.5 * Math.Log(0.5 / pt0) + 0.5 * Math.Log(0.5 / pt1);
        Assert.Equal(ce + 0.5 * kl, value.item<double>(), 10);
        value.sum().backward();
        Assert.NotNull(teacherLogits.grad);
        Assert.True(studentLogits.grad is null || studentLogits.grad.abs().sum().item<double>() == 0);   // the student is detached
    }
}
