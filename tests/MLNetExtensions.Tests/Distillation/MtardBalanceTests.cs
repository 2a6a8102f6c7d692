using MLNetExtensions.Distillation.Trainers;
using Xunit;

namespace MLNetExtensions.Tests.Distillation;

public class MtardBalanceTests
{
    [Fact]
    public void SharperTeacherIsHeatedAndSofterOneStaysAtTheFloor()
    {
        // Teacher 0 is sharper (entropy 0.2 < mean 0.4): tau_0 -= eta sign(0.2 / 0.4 - 1) = +eta; teacher 1: tau_1 -= eta, clamped at 1.
        var balance = new MtardBalance(2, temperatureLearningRate: 0.5, weightLearningRate: 0, maxTemperature: 2);
        balance.Update(new[] { 0.2, 0.6 }, new[] { 1.0, 1.0 });
        Assert.Equal(new[] { 1.5, 1.0 }, balance.Temperatures);
        balance.Update(new[] { 0.2, 0.6 }, new[] { 1.0, 1.0 });
        balance.Update(new[] { 0.2, 0.6 }, new[] { 1.0, 1.0 });
        Assert.Equal(new[] { 2.0, 1.0 }, balance.Temperatures);   // clamped at the maximum
        // Once the heated teacher is the softer one, it is cooled again and the other, now sharper, heated.
        balance.Update(new[] { 0.7, 0.6 }, new[] { 1.0, 1.0 });
        Assert.Equal(new[] { 1.5, 1.5 }, balance.Temperatures);
        Assert.Equal(new[] { 0.5, 0.5 }, balance.Weights);           // weights off (eta_w = 0)
        Assert.Equal(4, balance.History.Count);
    }

    [Fact]
    public void TeacherWhoseLossFellLessGainsWeight()
    {
        // By hand: first batch sets L0 = [2, 1] (Lhat = [1, 1], target 1/2 each: no move).
        // Second: L = [1, 0.9] -> Lhat = [0.5, 0.9], targets [0.5/1.4, 0.9/1.4];
        // w_1 = 0.5 - 0.025 (0.5 - 0.642857...) = 0.503571..., w_0 = 1 - w_1.
        var balance = new MtardBalance(2, temperatureLearningRate: 0);
        balance.Update(new[] { 0.3, 0.3 }, new[] { 2.0, 1.0 });
        Assert.Equal(0.5, balance.Weights[0], 12);
        balance.Update(new[] { 0.3, 0.3 }, new[] { 1.0, 0.9 });
        Assert.Equal(0.5 - 0.025 * (0.5 - 0.9 / 1.4), balance.Weights[1], 12);
        Assert.Equal(1.0, balance.Weights.Sum(), 12);
        Assert.Equal(new[] { 1.0, 1.0 }, balance.Temperatures);
        for (int i = 0; i < 500; i++)
            balance.Update(new[] { 0.3, 0.3 }, new[] { 1.0, 0.9 });
        // The weights converge to the targets r_k / sum r.
        Assert.Equal(0.9 / 1.4, balance.Weights[1], 6);
    }

    [Fact]
    public void ThreeTeachersClipAtZeroAndRenormalise()
    {
        // eta_w = 1 moves each weight straight to its target Lhat_k / sum Lhat; a zero loss gives weight 0.
        var balance = new MtardBalance(3, weightLearningRate: 1, temperatureLearningRate: 0.1);
        // Entropies exact in binary so the middle one equals the mean exactly (sign 0: no move).
        balance.Update(new[] { 0.125, 0.25, 0.375 }, new[] { 1.0, 1.0, 1.0 });
        balance.Update(new[] { 0.125, 0.25, 0.375 }, new[] { 0.0, 1.0, 3.0 });
        Assert.Equal(new[] { 0.0, 0.25, 0.75 }, balance.Weights.Select(w => Math.Round(w, 12)).ToArray());
        // Mean entropy 0.25: the first is heated twice, the second (equal to the mean) stays, the third is held at 1.
        Assert.Equal(new[] { 1.2, 1.0, 1.0 }, balance.Temperatures.Select(t => Math.Round(t, 12)).ToArray());
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MtardBalance(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MtardBalance(2, weightLearningRate: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MtardBalance(2, minTemperature: 3, maxTemperature: 2));
        var balance = new MtardBalance(2);
        Assert.Throws<ArgumentException>(() => balance.Update(new[] { 0.1 }, new[] { 1.0, 1.0 }));
        Assert.Throws<ArgumentException>(() => balance.Update(new[] { 0.1, double.NaN }, new[] { 1.0, 1.0 }));
        Assert.Throws<ArgumentException>(() => balance.Update(new[] { 0.1, 0.1 }, new[] { 1.0, -1.0 }));
    }
}
