using MLNetExtensions.Reinforcement.Addition;

namespace MLNetExtensions.Reinforcement.Benchmark;

/// <summary>
/// Runs a task's methods over seeds and summarises each figure by mean and std (sample, n - 1; 0 for one seed).
/// Used by <c>mlnetx bench rl</c>, the showcase and the figures in docs/reinforcement.md.
/// </summary>
public static class ReinforcementBenchmark
{
    /// <summary>The known tasks. A new task is one more entry here.</summary>
    public static IReadOnlyList<ReinforcementBenchmarkTask> Tasks { get; } = new ReinforcementBenchmarkTask[]
    {
        new BanditTrapTask(),
        new RecommenderTask(),
        new AdditionBenchmarkTask(),
    };

    /// <summary>The task called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static ReinforcementBenchmarkTask? FindTask(string? name) =>
        Tasks.FirstOrDefault(t => string.Equals(t.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Runs the benchmark; <paramref name="progress"/> (optional) gets one line per run.</summary>
    public static ReinforcementBenchmarkResult Run(ReinforcementBenchmarkOptions options, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var task = options.Validate();
        if (options.TorchThreads is { } threads)
            TorchSharp.torch.set_num_threads(threads);
        int steps = options.Steps ?? task.DefaultSteps;
        var seeds = Enumerable.Range(options.FirstSeed, options.Seeds).ToArray();
        var methods = new List<ReinforcementMethodSummary>();
        foreach (var method in options.Methods ?? task.Methods)
        {
            var runs = new List<ReinforcementTaskRun>();
            foreach (int seed in seeds)
            {
                var run = task.Run(method, seed, steps);
                runs.Add(run);
                progress?.WriteLine(FormattableString.Invariant(
                    $"[bench rl] {task.Name} {method} seed {seed}: {string.Join(", ", task.Figures.Select(f => $"{f} {run.Figures[f]:G4}"))}"));
            }
            var figures = task.Figures.ToDictionary(f => f, f => new FigureSummary(runs.Select(r => r.Figures[f]).ToArray()));
            methods.Add(new ReinforcementMethodSummary(method, figures, runs.Select(r => r.History).ToArray()));
        }
        return new ReinforcementBenchmarkResult(task.Name, seeds, steps, task.Figures, methods);
    }
}
