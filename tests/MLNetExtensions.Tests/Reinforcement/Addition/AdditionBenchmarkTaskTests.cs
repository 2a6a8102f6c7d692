using MLNetExtensions.Reinforcement.Addition;
using MLNetExtensions.Reinforcement.Benchmark;
using Xunit;

namespace MLNetExtensions.Tests.Reinforcement.Addition;

public class AdditionBenchmarkTaskTests
{
    private static AdditionBenchmarkTask SmallTask() => new(new AdditionBenchmarkSettings
    {
        Digits = 1, TestProblems = 10, WarmStartMaxSteps = 20, PromptsPerStep = 4, WarmStartTargetAccuracy = 0.9,
    });

    [Fact]
    public void RunsReportEveryFigureAndShareTheSeedsWarmStart()
    {
        var task = SmallTask();
        Assert.Contains(ReinforcementBenchmark.Tasks, t => t.Name == "addition");
        var vanilla = task.Run("vanilla", seed: 1, steps: 2);
        var klCov = task.Run("kl_cov", seed: 1, steps: 2);
        foreach (var run in new[] { vanilla, klCov })
        {
            Assert.Equal(task.Figures.OrderBy(f => f), run.Figures.Keys.OrderBy(f => f));
            Assert.All(run.Figures.Values, v => Assert.True(double.IsFinite(v)));
            Assert.Equal(run.Figures["pass_at_1_greedy"], run.Figures["ml_net_pass_at_1_greedy"]); // the ML.NET transformer decodes as the policy
            Assert.Equal(2, run.History.Steps.Count);
            var curve = AdditionBenchmarkTask.ReportedK.Select(k => run.Figures[$"pass_at_{k}"]).ToArray();
            Assert.True(curve.Zip(curve.Skip(1)).All(p => p.Second >= p.First - 1e-12), "pass@k must not fall as k grows");
            Assert.InRange(run.Figures["distinct_correct_answers"], 0, 10);
        }
        Assert.Equal(20, vanilla.Figures["warm_start_steps"]); // the target 0.9 is out of reach in 20 steps
        foreach (var name in task.Figures.Where(f => f.StartsWith("warm_start_", StringComparison.Ordinal)))
            Assert.Equal(vanilla.Figures[name], klCov.Figures[name]); // one warm start per seed, trained once
        Assert.Equal(Enumerable.Repeat(0, 2), vanilla.History.Steps.Select(s => s.KlCovTokens));
        Assert.True(klCov.History.Steps.Sum(s => s.KlCovTokens) > 0);
    }

    [Fact]
    public void PassAtKChartIsWrittenForAnAdditionResultOnly()
    {
        // Figures as a run reports them (pass@k rising with k); the chart reads only the pass@k figures.
        var figures = new AdditionBenchmarkTask().Figures;
        var summary = new ReinforcementMethodSummary("empg",
            figures.ToDictionary(f => f, f => new FigureSummary(new[] { f.EndsWith("_16", StringComparison.Ordinal) ? 0.9 : 0.4, 0.5 })),
            Array.Empty<MLNetExtensions.Reinforcement.Training.ReinforcementRunHistory>());
        var result = new ReinforcementBenchmarkResult("addition", new[] { 1, 2 }, 80, figures, new[] { summary });
        var path = Path.Combine(Path.GetTempPath(), $"passk-{Guid.NewGuid():N}.png");
        try
        {
            AdditionBenchmarkPlots.SavePassAtK(result, path);
            Assert.True(new FileInfo(path).Length > 1000);
        }
        finally
        {
            File.Delete(path);
        }
        var bandit = result with { Task = "bandit", FigureNames = new[] { "final_entropy" } };
        Assert.Throws<ArgumentException>(() => AdditionBenchmarkPlots.SavePassAtK(bandit, path));
    }

    [Fact]
    public void BadSettingsAndMethodsAreRejected()
    {
        Assert.Equal("TestProblems", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new AdditionBenchmarkTask(new AdditionBenchmarkSettings { Digits = 1, TestProblems = 50 })).ParamName);
        Assert.Equal("Digits", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new AdditionBenchmarkTask(new AdditionBenchmarkSettings { Digits = 0 })).ParamName);
        Assert.Equal("EvaluationSamples", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new AdditionBenchmarkTask(new AdditionBenchmarkSettings { EvaluationSamples = 8 })).ParamName);
        Assert.Throws<ArgumentException>(() => new AdditionBenchmarkTask().Options("greedy", 1, 10));
    }
}
