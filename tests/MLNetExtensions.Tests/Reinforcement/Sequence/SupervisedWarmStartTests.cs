using MLNetExtensions.Reinforcement.Addition;
using MLNetExtensions.Reinforcement.Sequence;
using Xunit;

namespace MLNetExtensions.Tests.Reinforcement.Sequence;

public class SupervisedWarmStartTests
{
    [Fact]
    public void OneDigitAdditionRisesClearlyAboveChanceInAFewSeconds()
    {
        var task = new AdditionTask(new AdditionTaskOptions { Digits = 1 });
        var pairs = task.AllProblems().Select(p => new SequencePair(p.Prompt, p.Answer)).ToArray();
        using var policy = new TransformerSequencePolicy(task.PolicyOptions(seed: 2));
        var before = SupervisedWarmStart.ExactMatchAccuracy(policy, pairs);
        var result = SupervisedWarmStart.Fit(policy, pairs, options: new SupervisedWarmStartOptions
        {
            MaxSteps = 600, BatchSize = 50, LearningRate = 3e-3, TargetAccuracy = 0.5, EvaluationInterval = 25, Seed = 4,
        });
        // Chance: a 1- or 2-digit answer plus the end token, 13 tokens each, is below 1 in 100.
        Assert.True(before < 0.05, $"untrained accuracy {before}");
        Assert.True(result.Accuracy >= 0.5, $"accuracy {result.Accuracy} after {result.Steps} steps");
        Assert.True(result.ReachedTarget);
        Assert.Equal(result.Steps, result.History[^1].Step);
        Assert.True(result.History[^1].Loss < result.History[0].Loss * 1.01);

        // The evaluator's greedy pass@1 is the same exact match, computed through the reward.
        var evaluation = AdditionEvaluator.Evaluate(policy, task.AllProblems(), samples: 8, k: 8, seed: 1);
        Assert.Equal(result.Accuracy, evaluation.GreedyPassAt1, 10);
        Assert.InRange(evaluation.SampledPassAt1, 0.05, evaluation.PassAtK);
        Assert.InRange(evaluation.MeanDistinctResponses, 1.0, 8.0);
        // With n = k, pass@k is 1 for a problem solved by any sample and 0 otherwise: the solved count over 100 problems.
        Assert.Equal(evaluation.DistinctCorrectAnswers, (int)Math.Round(evaluation.PassAtK * 100));
        Assert.True(evaluation.MeanEntropy > 0);
        Assert.Equal(8, evaluation.PassAtKCurve.Count);
        Assert.Equal(evaluation.SampledPassAt1, evaluation.PassAtKCurve[0], 10);
        Assert.Equal(evaluation.PassAtK, evaluation.PassAtKCurve[7], 10);
        Assert.True(evaluation.PassAtKCurve.Zip(evaluation.PassAtKCurve.Skip(1)).All(p => p.Second >= p.First - 1e-12));
    }

    [Fact]
    public void TheSameSeedGivesTheSameTrainingRun()
    {
        var task = new AdditionTask(new AdditionTaskOptions { Digits = 1 });
        var pairs = task.Generate(40, seed: 1).Select(p => new SequencePair(p.Prompt, p.Answer)).ToArray();
        var options = new SupervisedWarmStartOptions { MaxSteps = 6, BatchSize = 16, EvaluationInterval = 3, Seed = 9 };
        using var a = new TransformerSequencePolicy(task.PolicyOptions(seed: 1));
        using var b = new TransformerSequencePolicy(task.PolicyOptions(seed: 1));
        var first = SupervisedWarmStart.Fit(a, pairs, options: options);
        var second = SupervisedWarmStart.Fit(b, pairs, options: options);
        Assert.Equal(first.History.Select(h => h.Loss), second.History.Select(h => h.Loss));
    }

    [Fact]
    public void BadPairsAndOptionsAreRejected()
    {
        var task = new AdditionTask(new AdditionTaskOptions { Digits = 1 });
        using var policy = new TransformerSequencePolicy(task.PolicyOptions());
        Assert.Throws<ArgumentException>(() => SupervisedWarmStart.Fit(policy, Array.Empty<SequencePair>()));
        var noEnd = new[] { new SequencePair(new[] { 1, 10, 2, 11 }, new[] { 3 }) };
        Assert.Contains("end token", Assert.Throws<ArgumentException>(() => SupervisedWarmStart.Fit(policy, noEnd)).Message);
        var outside = new[] { new SequencePair(new[] { 1, 10, 20, 11 }, new[] { 3, 12 }) };
        Assert.Contains("Pair 0, prompt position 2: token 20", Assert.Throws<ArgumentOutOfRangeException>(() => SupervisedWarmStart.Fit(policy, outside)).Message);
        var ok = new[] { new SequencePair(new[] { 1, 10, 2, 11 }, new[] { 3, 12 }) };
        Assert.Equal("TargetAccuracy", Assert.Throws<ArgumentOutOfRangeException>(() =>
            SupervisedWarmStart.Fit(policy, ok, options: new SupervisedWarmStartOptions { TargetAccuracy = 1.5 })).ParamName);
    }
}
