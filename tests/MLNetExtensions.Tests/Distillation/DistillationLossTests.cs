using MLNetExtensions.Distillation.Losses;
using Xunit;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetExtensions.Tests.Distillation;

/// <summary>
/// Losses against values computed independently with numpy (Debian's /usr/bin/python3, numpy 1.24, float64, run by
/// hand; the script is in the comment below), on the same small tensors in float64.
/// <code>
/// lsm = lambda z, T: z/T - max - log(sum(exp(z/T - max)))        # row-wise
/// kl(p, q, T) = sum(exp(lsm(p)) * (lsm(p) - lsm(q)), 1);  H(z, T) = -sum(exp(lsm(z)) * lsm(z), 1);  ce = -lsm(z, 1)[y]
/// </code>
/// </summary>
public class DistillationLossTests
{
    private static readonly double[,] StudentValues = { { 1.0, 0.0, -1.0 }, { 0.5, 0.5, 2.0 } };
    private static readonly double[,] TeacherValues = { { 2.0, 0.5, -0.5 }, { 0.0, 1.0, 1.0 } };
    private const double T = 2, Alpha = 0.3, Kappa = 1.5;

    private static Tensor Student() => tensor(StudentValues, ScalarType.Float64);
    private static Tensor Teacher() => tensor(TeacherValues, ScalarType.Float64);
    private static Tensor Labels() => tensor(new long[] { 0, 2 });

    private static void AssertClose(double[] expected, Tensor actual, double tolerance = 1e-12)
    {
        var values = actual.data<double>().ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance, $"row {i}: expected {expected[i]:R}, got {values[i]:R}");
    }

    [Fact]
    public void HintonKdMatchesNumpy() =>
        AssertClose(new[] { 0.29460491468771755, 0.32190790478913583 }, new HintonKdLoss(T, Alpha).PerSample(Student(), Teacher(), Labels()));

    [Fact]
    public void ReverseKlMatchesNumpy() =>
        AssertClose(new[] { 0.29466324267303484, 0.31828683076143977 }, new ReverseKlLoss(T, Alpha).PerSample(Student(), Teacher(), Labels()));

    [Fact]
    public void BdKdSigmoidGateMatchesNumpy()
    {
        var loss = new BdKdLoss(T, Alpha, Kappa, hardGate: false);
        // delta = H(s) - H(t) = [0.0505, -0.0449]: the first student is less sure than its teacher, so w_r > 1/2.
        AssertClose(new[] { 0.5189221534510208, 0.4831686207855858 }, loss.ReverseWeights(Student(), Teacher()));
        AssertClose(new[] { 0.4169169717047789, 0.43085265606580603 }, loss.PerSample(Student(), Teacher(), Labels()));
    }

    [Fact]
    public void BdKdHardGateMatchesNumpy()
    {
        var loss = new BdKdLoss(T, Alpha, Kappa, hardGate: true);
        AssertClose(new[] { 1.0, 0.0 }, loss.ReverseWeights(Student(), Teacher()));
        AssertClose(new[] { 0.4169450320063489, 0.43260224540953046 }, loss.PerSample(Student(), Teacher(), Labels()));
    }

    [Fact]
    public void BinaryAsTwoClassesMatchesNumpyAndBce()
    {
        var zs = tensor(new[] { 0.8, -1.2 }, ScalarType.Float64);
        var zt = tensor(new[] { 2.0, 0.3 }, ScalarType.Float64);
        var y = tensor(new long[] { 1, 0 });
        AssertClose(new[] { 0.3058369206351235, 0.26782167118162065 },
            new HintonKdLoss(T, Alpha).PerSample(BinaryLogits.ToTwoClass(zs), BinaryLogits.ToTwoClass(zt), y));
        // KL of the tempered Bernoulli distributions in closed form: p_t log(p_t/p_s) + (1-p_t) log((1-p_t)/(1-p_s)).
        AssertClose(new[] { 0.03838871205973265, 0.06960328670416574 },
            TemperedDistributions.KlDivergence(BinaryLogits.ToTwoClass(zt), BinaryLogits.ToTwoClass(zs), T), 1e-15);
        // The hard term over [0, z] is binary cross-entropy with logit z.
        var bce = F.binary_cross_entropy_with_logits(zs, y.to_type(ScalarType.Float64), reduction: nn.Reduction.None);
        AssertClose(bce.data<double>().ToArray(), TemperedDistributions.CrossEntropy(BinaryLogits.ToTwoClass(zs), y));
    }

    [Fact]
    public void AlphaZeroIsPlainCrossEntropy()
    {
        var ce = F.cross_entropy(Student(), Labels(), reduction: nn.Reduction.None).data<double>().ToArray();
        AssertClose(new[] { 0.40760596444438024, 0.3689811354013154 }, tensor(ce));
        AssertClose(ce, new HintonKdLoss(T, 0).PerSample(Student(), Teacher(), Labels()));
        AssertClose(ce, new ReverseKlLoss(T, 0).PerSample(Student(), Teacher(), Labels()));
        AssertClose(ce, new BdKdLoss(T, 0, Kappa, false).PerSample(Student(), Teacher(), Labels()));
    }

    [Fact]
    public void SoftTermVanishesWhenStudentEqualsTeacherAndIsPositiveOtherwise()
    {
        foreach (double temperature in new[] { 0.5, 1, 4 })
        {
            var same = TemperedDistributions.KlDivergence(Teacher(), Teacher(), temperature).data<double>().ToArray();
            Assert.All(same, v => Assert.True(Math.Abs(v) < 1e-15, $"KL(t||t) = {v} at T = {temperature}"));
            // alpha = 1 leaves only the soft term, so every loss is 0 for a student equal to its teacher.
            Assert.All(new HintonKdLoss(temperature, 1).PerSample(Teacher(), Teacher(), Labels()).data<double>().ToArray(), v => Assert.True(Math.Abs(v) < 1e-15));
            Assert.All(new ReverseKlLoss(temperature, 1).PerSample(Teacher(), Teacher(), Labels()).data<double>().ToArray(), v => Assert.True(Math.Abs(v) < 1e-15));
            Assert.All(TemperedDistributions.KlDivergence(Student(), Teacher(), temperature).data<double>().ToArray(), v => Assert.True(v > 1e-4));
        }
    }

    [Fact]
    public void HigherTemperatureSoftensAndLowersTheUnscaledDivergence()
    {
        // Documented direction: p^T flattens as T grows, so entropies rise and KL(p_t^T || p_s^T) shrinks (to 0 as T -> inf).
        double previousKl = double.PositiveInfinity, previousEntropy = 0;
        foreach (double temperature in new[] { 0.5, 1, 2, 4, 8 })
        {
            double kl = TemperedDistributions.KlDivergence(Teacher(), Student(), temperature).sum().item<double>();
            double entropy = TemperedDistributions.Entropy(Teacher(), temperature).sum().item<double>();
            Assert.True(kl < previousKl, $"KL {kl} at T = {temperature} not below {previousKl}");
            Assert.True(entropy > previousEntropy, $"entropy {entropy} at T = {temperature} not above {previousEntropy}");
            previousKl = kl;
            previousEntropy = entropy;
        }
        Assert.True(previousEntropy < 2 * Math.Log(3), "entropy is bounded by log K per row");
    }

    [Fact]
    public void BdKdGateFollowsTheEntropyGap()
    {
        // Kappa 0: an even mix, so the soft term is the mean of forward and reverse KL.
        var even = new BdKdLoss(T, Alpha, 0, false);
        AssertClose(new[] { 0.5, 0.5 }, even.ReverseWeights(Student(), Teacher()));
        var forward = TemperedDistributions.KlDivergence(Teacher(), Student(), T);
        var reverse = TemperedDistributions.KlDivergence(Student(), Teacher(), T);
        var ce = TemperedDistributions.CrossEntropy(Student(), Labels());
        AssertClose((ce + Alpha * T * T * (forward + reverse) / 2).data<double>().ToArray(), even.PerSample(Student(), Teacher(), Labels()));

        // A flat student (high entropy) facing a sharp teacher leans on reverse KL; swapped roles lean on forward KL.
        var flat = tensor(new[,] { { 0.0, 0.0, 0.0 } }, ScalarType.Float64);
        var sharp = tensor(new[,] { { 6.0, 0.0, 0.0 } }, ScalarType.Float64);
        var steep = new BdKdLoss(1, 1, 10, false);
        Assert.True(steep.ReverseWeights(flat, sharp).item<double>() > 0.99);
        Assert.True(steep.ReverseWeights(sharp, flat).item<double>() < 0.01);
    }

    [Fact]
    public void GateCarriesNoGradientButTheLossDoes()
    {
        var student = Student().requires_grad_(true);
        var loss = new BdKdLoss(T, Alpha, Kappa, false);
        Assert.False(loss.ReverseWeights(student, Teacher()).requires_grad);
        loss.PerSample(student, Teacher(), Labels()).sum().backward();
        Assert.True(student.grad is not null && student.grad.abs().sum().item<double>() > 0);
    }

    [Fact]
    public void BadArgumentsNameTheOption()
    {
        Assert.Equal("temperature", Assert.Throws<ArgumentOutOfRangeException>(() => new HintonKdLoss(0, 0.5)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new ReverseKlLoss(1, 1.5)).ParamName);
        Assert.Equal("kappa", Assert.Throws<ArgumentOutOfRangeException>(() => new BdKdLoss(1, 1, double.NaN, false)).ParamName);
        var wrongShape = tensor(new[,] { { 1.0, 2.0 } }, ScalarType.Float64);
        Assert.Throws<ArgumentException>(() => new HintonKdLoss(1, 0.5).PerSample(Student(), wrongShape, Labels()));
    }
}
