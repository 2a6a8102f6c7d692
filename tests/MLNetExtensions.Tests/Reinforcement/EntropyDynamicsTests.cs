using MLNetExtensions.Reinforcement.Benchmark;
using MLNetExtensions.Reinforcement.Policies;
using MLNetExtensions.Reinforcement.Training;
using MLNetExtensions.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MLNetExtensions.Tests.Reinforcement;

/// <summary>
/// dH ~ -eta Cov: for a softmax policy a small policy-gradient step changes the entropy by the covariance of log pi with
/// the advantage (natural gradient: Cov(log pi, A); plain gradient on the logits: Cov(log pi, pi A)), to first order.
/// </summary>
public sealed class EntropyDynamicsTests
{
    private static double Entropy(double[] p) => -p.Sum(x => x * Math.Log(x));

    private static double[] Softmax(double[] z)
    {
        double max = z.Max();
        var e = z.Select(v => Math.Exp(v - max)).ToArray();
        double s = e.Sum();
        return e.Select(v => v / s).ToArray();
    }

    private static double Covariance(double[] p, double[] x, double[] y)
    {
        double ex = p.Select((w, i) => w * x[i]).Sum(), ey = p.Select((w, i) => w * y[i]).Sum();
        return p.Select((w, i) => w * (x[i] - ex) * (y[i] - ey)).Sum();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void NaturalGradientStepChangesEntropyByMinusEtaCov(int seed)
    {
        var random = new Random(seed);
        var z = Enumerable.Range(0, 6).Select(_ => random.NextDouble() * 3 - 1.5).ToArray();
        var r = Enumerable.Range(0, 6).Select(_ => random.NextDouble()).ToArray();
        var p = Softmax(z);
        double baseline = p.Select((w, i) => w * r[i]).Sum();
        var a = r.Select(v => v - baseline).ToArray();
        const double eta = 1e-3;
        double predicted = -eta * Covariance(p, p.Select(x => Math.Log(x)).ToArray(), a);
        double observed = Entropy(Softmax(z.Select((v, i) => v + eta * a[i]).ToArray())) - Entropy(p);
        Assert.Equal(Math.Sign(predicted), Math.Sign(observed));
        Assert.True(Math.Abs(observed - predicted) < 0.02 * Math.Abs(predicted), $"observed {observed}, predicted {predicted}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void PolicyGradientStepOnTheTabularPolicyFollowsTheCovariance(int seed)
    {
        // The trainer's pieces: TabularSoftmaxPolicy.Score, autograd and SGD on the exact expected loss
        // -sum_a sg(pi_a) A_a log pi_a; prediction -eta Cov_pi(log pi, pi A).
        var random = new Random(seed);
        var z = Enumerable.Range(0, 5).Select(_ => (float)(random.NextDouble() * 3 - 1.5)).ToArray();
        var r = Enumerable.Range(0, 5).Select(_ => random.NextDouble()).ToArray();
        using var policy = new TabularSoftmaxPolicy(1, 5, z);
        var p = Softmax(z.Select(v => (double)v).ToArray());
        double baseline = p.Select((w, i) => w * r[i]).Sum();
        var a = r.Select(v => v - baseline).ToArray();
        const double eta = 1e-3;
        // Plain SGD (no momentum): the first-order prediction is for one gradient step.
        using var optimizer = optim.SGD(policy.Module.parameters(), eta);
        using (var scope = NewDisposeScope())
        {
            var actions = tensor(new long[] { 0, 1, 2, 3, 4 }).reshape(5, 1);
            var (logp, _) = policy.Score(new[] { 0, 0, 0, 0, 0 }, actions);
            var weights = tensor(p.Select((w, i) => (float)(w * a[i])).ToArray()).reshape(5, 1);
            var loss = -(weights * logp).sum();
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        var after = policy.Probabilities().Select(v => (double)v).ToArray();
        double predicted = -eta * Covariance(p, p.Select(x => Math.Log(x)).ToArray(), p.Select((w, i) => w * a[i]).ToArray());
        double observed = Entropy(after) - Entropy(p);
        Assert.Equal(Math.Sign(predicted), Math.Sign(observed));
        Assert.True(Math.Abs(observed - predicted) < 0.05 * Math.Abs(predicted) + 1e-7, $"observed {observed}, predicted {predicted}");
    }

    [Fact]
    public void TrainerTelemetryPredictsTheSignOfTheEntropyChange()
    {
        // Vanilla GRPO with small SGD steps on the bandit trap: the logged -eta Cov(log pi, A) and the observed entropy
        // change (same states, before vs after the step's updates) agree in sign on most steps and correlate. Core's SGD
        // has Nesterov momentum 0.9 and a step makes four mini-batch updates, so the magnitudes differ; the sign is the claim.
        var trap = new BanditTrap(contexts: 20, actions: 8, seed: 3);
        using var policy = trap.CreatePolicy();
        var history = new GroupPolicyTrainer<int>(policy, trap.Reward, new GroupPolicyOptions
        {
            Optimizer = OptimizerKind.Sgd, LearningRate = 0.05, NumberOfSteps = 30, Seed = 3,
        }).Fit(trap.Prompts());
        Assert.True(history.EntropySignAgreement > 0.75, $"sign agreement {history.EntropySignAgreement}");
        var predicted = history.Steps.Select(s => s.PredictedEntropyChange).ToArray();
        var observed = history.Steps.Select(s => s.ObservedEntropyChange).ToArray();
        Assert.True(Correlation(predicted, observed) > 0.3, $"correlation {Correlation(predicted, observed)}");
    }

    private static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = x.Select((v, i) => (v - mx) * (y[i] - my)).Sum();
        double sxx = x.Sum(v => (v - mx) * (v - mx)), syy = y.Sum(v => (v - my) * (v - my));
        return sxy / Math.Sqrt(sxx * syy);
    }
}
