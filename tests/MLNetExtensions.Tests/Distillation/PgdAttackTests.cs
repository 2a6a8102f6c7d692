using Microsoft.ML;
using MLNetExtensions.Calibration;
using MLNetExtensions.Distillation;
using MLNetExtensions.Distillation.Adversarial;
using MLNetExtensions.Distillation.Trainers;
using MLNetExtensions.Models;
using MLNetExtensions.Trainers;
using Xunit;
using static TorchSharp.torch;

namespace MLNetExtensions.Tests.Distillation;

public class PgdAttackTests
{
    /// <summary>A logistic model z = 2 u0 - u1 + 0.5 u2 on standardised u = x * s, s = [1, 2, 0.5] (std 1, 0.5, 2).</summary>
    private static MlpNetwork Logistic()
    {
        var network = new MlpNetwork(3, Array.Empty<int>(), 1, MlpActivation.ReLU, 0, CPU);
        using (no_grad())
        {
            foreach (var (name, p) in network.named_parameters())
            {
                if (name.EndsWith("weight")) p.copy_(tensor(new[] { 2f, -1f, 0.5f }).reshape(1, 3));
                else p.zero_();
            }
        }
        network.SetScaling(new float[3], new[] { 1f, 2f, 0.5f }, new float[1], new[] { 1f });
        return network;
    }

    [Theory]
    [InlineData(PgdRandomStart.None)]
    [InlineData(PgdRandomStart.Gaussian)]
    public void LinearModelGoesToTheCornerOfTheBallInStandardisedUnits(PgdRandomStart start)
    {
        // By hand: for y = 1 the BCE gradient in u is (sigmoid(z) - 1) w, whose sign is -sign(w) = [-1, +1, -1] for every x.
        // PGD ascends, so delta = eps [-1, +1, -1] in standardised units; raw x' = x + delta / s = x + eps [-1, +0.5, -2].
        // Three steps of 0.05 reach the corner of the eps = 0.1 ball from either start (the Gaussian nudge is 0.001).
        using var network = Logistic();
        var attack = new PgdAttack(new PgdOptions { Epsilon = 0.1, StepSize = 0.05, Steps = 3, RandomStart = start, Seed = 3 });
        var x = tensor(new[] { 0.1f, 0.2f, 0.3f, -1f, 4f, 0f }).reshape(2, 3);
        var y = tensor(new[] { 1f, 1f });
        var adversarial = attack.Perturb(network, x, y).data<float>().ToArray();
        var expected = new[] { 0.0f, 0.25f, 0.1f, -1.1f, 4.05f, -0.2f };
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], adversarial[i], 5);

        // Frozen slot 2 (a categorical code) never moves; the others are unchanged by the mask.
        var frozen = new PgdAttack(new PgdOptions { Epsilon = 0.1, StepSize = 0.05, Steps = 3, RandomStart = start, FrozenFeatureIndices = new[] { 2 } });
        var masked = frozen.Perturb(network, x, y).data<float>().ToArray();
        Assert.Equal(new[] { 0.0f, 0.25f, 0.3f, -1.1f, 4.05f, 0f }, masked.Select(v => MathF.Round(v, 5)).ToArray());
    }

    [Fact]
    public void AttackStaysInTheBallLeavesParameterGradientsAloneAndRestoresTheMode()
    {
        using var network = new MlpNetwork(4, new[] { 8 }, 3, MlpActivation.Tanh, 0.2, CPU);
        using var generator = new Generator(5, CPU);
        network.Initialize(generator);
        network.SetScaling(new float[4], new[] { 1f, 0.5f, 2f, 1f }, new float[3], new[] { 1f, 1f, 1f });
        network.train();
        var x = randn(new long[] { 50, 4 }, generator: generator);
        var y = randint(0, 3, new long[] { 50 }, generator: generator).to_type(ScalarType.Float32);
        var attack = new PgdAttack(new PgdOptions { Epsilon = 0.3, StepSize = 0.1, Steps = 7, RandomStart = PgdRandomStart.Uniform, Seed = 1 });
        var adversarial = attack.Perturb(network, x, y);
        var standardisedShift = ((adversarial - x) * tensor(new[] { 1f, 0.5f, 2f, 1f })).abs().max().item<float>();
        Assert.True(standardisedShift <= 0.3f + 1e-5f, $"moved {standardisedShift} standardised units");
        Assert.True(standardisedShift > 0.25f);
        Assert.True(network.training);
        Assert.All(network.parameters(), p => Assert.True(p.grad is null || p.grad.abs().sum().item<float>() == 0));
        // The attack raises the loss (compared without dropout, as the attack ran).
        network.eval();
        using (no_grad())
            Assert.True(PgdAttack.Loss(network, adversarial, y).item<float>() > PgdAttack.Loss(network, x, y).item<float>());
    }

    [Fact]
    public void RobustAccuracyIsCleanAccuracyAtEpsilonZeroAndFallsWithEpsilon()
    {
        var ml = new MLContext(seed: 1);
        var train = DistillationTestData.Binary(ml, 600, seed: 1);
        var test = DistillationTestData.Binary(ml, 600, seed: 2);
        var mlp = ml.Torch().MlpBinaryClassifier(new TorchMlpOptions { HiddenLayers = new[] { 16 }, NumberOfEpochs = 10, LearningRate = 0.01, Seed = 1 }).Fit(train);
        double clean = ml.Calibration().EvaluateBinary(mlp.Transform(test)).Accuracy;
        double At(double eps) => new PgdAttack(new PgdOptions { Epsilon = eps, StepSize = Math.Max(eps / 4, 1e-3), Steps = 20 }).RobustAccuracy(mlp, test);
        Assert.Equal(clean, At(0), 10);
        double small = At(0.1), large = At(0.5);
        Assert.True(small < clean && large < small, $"clean {clean}, eps 0.1: {small}, eps 0.5: {large}");
    }

    [Fact]
    public void BadOptionsAndFrozenSlotsOutsideTheFeaturesAreNamed()
    {
        Assert.Equal("Epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new PgdAttack(new PgdOptions { Epsilon = -1 })).ParamName);
        Assert.Equal("StepSize", Assert.Throws<ArgumentOutOfRangeException>(() => new PgdAttack(new PgdOptions { StepSize = 0 })).ParamName);
        Assert.Equal("Steps", Assert.Throws<ArgumentOutOfRangeException>(() => new PgdAttack(new PgdOptions { Steps = 0 })).ParamName);
        Assert.Equal("FrozenFeatureIndices", Assert.Throws<ArgumentOutOfRangeException>(() => new PgdAttack(new PgdOptions { FrozenFeatureIndices = new[] { -1 } })).ParamName);
        using var network = Logistic();
        var attack = new PgdAttack(new PgdOptions { FrozenFeatureIndices = new[] { 3 } });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => attack.Perturb(network, zeros(2, 3), zeros(2)));
        Assert.Contains("only 3 slots", e.Message);
    }
}
