using MLNetExtensions.Fairness.Metrics.Distance;
using MLNetExtensions.Fairness.Penalties;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MLNetExtensions.Tests.Fairness.Penalties;

/// <summary>
/// The Torch penalties against two independent references on a 10-row batch (output y, sex 0/1, race one-hot of
/// 3 levels, age in [0, 1]): the managed distance kernels of <c>Fairness.Metrics.Distance</c> (themselves checked
/// against numpy in DistanceStatisticsGoldenTests) and numpy values from full n x n matrices, printed by this
/// script run with /usr/bin/python3 (numpy 1.24):
/// <code>
/// i = np.arange(10); y = 0.3 + 0.05 i + 0.1 ((7 i) % 5); sex = i % 2; race = eye(3)[(2 i) % 3]; age = ((37 i) % 11) / 10
/// D(x) = sqrt(((x[:,None] - x[None]) ** 2).sum(-1)); U(a) = a - r/(n-2) - c/(n-2) + t/((n-1)(n-2)), diag 0
/// dcov(x, z) = (U(D(x)) * U(D(z))).sum() / (n (n-3));  jdcov = prod_l (1 - U_l) summed / (n (n-3)) - n/(n-3)
/// </code>
/// </summary>
public class PenaltyGoldenTests
{
    private const int N = 10;

    private static double[] Y() => Enumerable.Range(0, N).Select(i => 0.3 + 0.05 * i + 0.1 * (i * 7 % 5)).ToArray();
    private static double[] Sex() => Enumerable.Range(0, N).Select(i => (double)(i % 2)).ToArray();
    private static int[] Race() => Enumerable.Range(0, N).Select(i => i * 2 % 3).ToArray();
    private static double[] Age() => Enumerable.Range(0, N).Select(i => i * 37 % 11 / 10.0).ToArray();

    /// <summary>[sex | race one-hot | age], n x 5.</summary>
    private static double[,] Attributes()
    {
        var z = new double[N, 5];
        var sex = Sex(); var race = Race(); var age = Age();
        for (int i = 0; i < N; i++)
        {
            z[i, 0] = sex[i];
            z[i, 1 + race[i]] = 1;
            z[i, 4] = age[i];
        }
        return z;
    }

    private static Tensor Column(double[] v, bool grad = false) => torch.tensor(v, new long[] { v.Length, 1 }, ScalarType.Float64).requires_grad_(grad);

    private static Tensor Matrix(double[,] m) => torch.tensor(m, ScalarType.Float64);

    private static double[,] Slice(double[,] m, int from, int width)
    {
        var r = new double[m.GetLength(0), width];
        for (int i = 0; i < r.GetLength(0); i++)
            for (int j = 0; j < width; j++) r[i, j] = m[i, from + j];
        return r;
    }

    [Fact]
    public void DistanceCovarianceEqualsManagedUStatisticAndNumpy()
    {
        using var y = Column(Y());
        using var sex = Column(Sex());
        using var value = new DistanceCovariancePenalty().Compute(y, sex, null);
        double managed = DistanceCovariance.USquared(Y(), Sex());
        Assert.Equal(managed, value.item<double>(), 1e-12);
        Assert.Equal(0.012698412698412697, value.item<double>(), 1e-12);
    }

    [Fact]
    public void ConcatenatedDistanceCovarianceEqualsManagedAndNumpy()
    {
        using var y = Column(Y());
        using var z = Matrix(Attributes());
        using var value = new ConcatenatedDistanceCovariancePenalty().Compute(y, z, null);
        double managed = DistanceCovariance.USquared(DistanceCovariance.AsMatrix(Y()), Attributes());
        Assert.Equal(managed, value.item<double>(), 1e-12);
        Assert.Equal(-0.011619243712788895, value.item<double>(), 1e-12);
    }

    [Fact]
    public void JointDistanceCovarianceEqualsManagedAndNumpy()
    {
        using var y = Column(Y());
        using var z = Matrix(Attributes());
        var penalty = (JointDistanceCovariancePenalty)FairnessPenalty.Create(FairnessPenaltyKind.JointDistanceCovariance, new[] { 1, 3, 1 });
        using var value = penalty.Compute(y, z, null);
        var z2 = Attributes();
        double managed = JointDistanceCovariance.Squared(new[] { DistanceCovariance.AsMatrix(Y()), Slice(z2, 0, 1), Slice(z2, 1, 3), Slice(z2, 4, 1) });
        Assert.Equal(managed, value.item<double>(), 1e-11);
        Assert.Equal(0.022941575936872516, value.item<double>(), 1e-11);
    }

    [Fact]
    public void DemographicParityGapIsTheDifferenceOfGroupMeans()
    {
        using var y = Column(Y());
        using var groups = torch.tensor(Sex().Select(s => (long)s).ToArray());
        using var value = new DemographicParityGapPenalty().Compute(y, torch.zeros(N, 1, ScalarType.Float64), groups);
        var yv = Y(); var sv = Sex();
        double gap = Math.Abs(Enumerable.Range(0, N).Where(i => sv[i] == 1).Average(i => yv[i]) - Enumerable.Range(0, N).Where(i => sv[i] == 0).Average(i => yv[i]));
        Assert.Equal(gap, value.item<double>(), 1e-12);
        Assert.Equal(0.050000000000000044, value.item<double>(), 1e-12);
    }

    [Theory]
    [InlineData(FairnessPenaltyKind.DistanceCovariance)]
    [InlineData(FairnessPenaltyKind.ConcatenatedDistanceCovariance)]
    [InlineData(FairnessPenaltyKind.JointDistanceCovariance)]
    [InlineData(FairnessPenaltyKind.DemographicParityGap)]
    public void GradientExistsAndIsFiniteIncludingTiedOutputs(FairnessPenaltyKind kind)
    {
        var yv = Y();
        yv[3] = yv[2]; // a tie: |y_i - y_j| = 0 off the diagonal too
        using var y = Column(yv, grad: true);
        var z = kind == FairnessPenaltyKind.DistanceCovariance ? Matrix(Slice(Attributes(), 1, 3)) : Matrix(Attributes());
        int[] blocks = kind == FairnessPenaltyKind.DistanceCovariance ? new[] { 3 } : new[] { 1, 3, 1 };
        using var groups = torch.tensor(Race().Select(r => (long)r).ToArray());
        using var value = FairnessPenalty.Create(kind, blocks).Compute(y, z, groups);
        value.backward();
        var grad = y.grad!.data<double>().ToArray();
        Assert.All(grad, g => Assert.True(double.IsFinite(g)));
        Assert.Contains(grad, g => g != 0);
    }

    [Fact]
    public void MulticlassOutputUsesEuclideanDistanceWithFiniteGradient()
    {
        using var logits = torch.tensor(Enumerable.Range(0, N * 3).Select(i => Math.Sin(i)).ToArray(), new long[] { N, 3 }, ScalarType.Float64).requires_grad_(true);
        using var p = torch.nn.functional.softmax(logits, 1);
        using var z = Matrix(Attributes());
        using var value = new ConcatenatedDistanceCovariancePenalty().Compute(p, z, null);
        var pv = p.detach().data<double>().ToArray();
        var pm = new double[N, 3];
        for (int i = 0; i < N; i++) for (int k = 0; k < 3; k++) pm[i, k] = pv[i * 3 + k];
        Assert.Equal(DistanceCovariance.USquared(pm, Attributes()), value.item<double>(), 1e-12);
        value.backward();
        Assert.All(logits.grad!.data<double>().ToArray(), g => Assert.True(double.IsFinite(g)));
    }

    /// <summary>
    /// A full cross design (every output value paired once with every attribute level) makes the output independent
    /// of the attribute in the sample: the penalties are ~0 there (the V-statistic would be exactly 0; the unbiased
    /// U-statistic keeps an O(1/n) remainder), against a clearly positive value when the output copies the attribute.
    /// </summary>
    [Fact]
    public void PenaltiesVanishWhenOutputIsIndependentByConstruction()
    {
        var outputs = Enumerable.Range(0, 20).Select(i => 0.5 + 0.45 * Math.Sin(1.7 * i)).ToArray();
        var levels = new[] { 0, 1, 2 };
        var rows = (from o in outputs from l in levels select (o, l)).ToArray();
        int n = rows.Length;
        var z = new double[n, 3];
        for (int i = 0; i < n; i++) z[i, rows[i].l] = 1;
        using var independent = Column(rows.Select(r => r.o).ToArray());
        using var dependent = Column(rows.Select(r => r.l / 2.0).ToArray());
        using var zt = Matrix(z);
        using var groups = torch.tensor(rows.Select(r => (long)r.l).ToArray());
        foreach (var kind in new[] { FairnessPenaltyKind.DistanceCovariance, FairnessPenaltyKind.ConcatenatedDistanceCovariance, FairnessPenaltyKind.JointDistanceCovariance, FairnessPenaltyKind.DemographicParityGap })
        {
            var penalty = FairnessPenalty.Create(kind, new[] { 3 });
            double none = penalty.Compute(independent, zt, groups).item<double>();
            double strong = penalty.Compute(dependent, zt, groups).item<double>();
            Assert.True(Math.Abs(none) < 0.05 * strong, $"{kind}: independent {none} vs dependent {strong}");
        }
        // The demographic-parity gap is exactly zero: every group has the same outputs.
        Assert.Equal(0, new DemographicParityGapPenalty().Compute(independent, zt, groups).item<double>(), 1e-15);
    }

    [Fact]
    public void BatchesBelowFourRowsAreAClearError()
    {
        using var y = Column(new[] { 0.1, 0.2, 0.3 });
        using var z = Column(new[] { 0.0, 1, 0 });
        var e = Assert.Throws<ArgumentException>(() => new DistanceCovariancePenalty().Compute(y, z, null));
        Assert.Contains("at least 4 rows", e.Message);
        Assert.Contains("BatchSize", e.Message);
    }

    [Fact]
    public void UnknownKindAndWrongBlockCountAreClearErrors()
    {
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => FairnessPenalty.Create((FairnessPenaltyKind)42, new[] { 1 }));
        Assert.Contains("42", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => FairnessPenalty.Create(FairnessPenaltyKind.DistanceCovariance, new[] { 1, 2 }));
        Assert.Contains("exactly one protected attribute", e2.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => FairnessPenalty.Create(FairnessPenaltyKind.None, new[] { 1 }));
    }
}
