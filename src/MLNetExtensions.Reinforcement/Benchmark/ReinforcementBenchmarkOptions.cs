namespace MLNetExtensions.Reinforcement.Benchmark;

/// <summary>Settings of <see cref="ReinforcementBenchmark.Run"/>.</summary>
public sealed class ReinforcementBenchmarkOptions
{
    /// <summary>Task name (see <see cref="ReinforcementBenchmark.Tasks"/>; default "bandit").</summary>
    public string Task { get; set; } = "bandit";

    /// <summary>Number of seeds (default 3).</summary>
    public int Seeds { get; set; } = 3;

    /// <summary>First seed; seed s runs with data, policy and trainer seed s (default 0).</summary>
    public int FirstSeed { get; set; }

    /// <summary>Steps per run (default: the task's).</summary>
    public int? Steps { get; set; }

    /// <summary>Methods to run (default: all of the task's).</summary>
    public IReadOnlyList<string>? Methods { get; set; }

    /// <summary>libtorch threads (default 1: the figures are small and the machine is shared; null leaves it unchanged).</summary>
    public int? TorchThreads { get; set; } = 1;

    internal ReinforcementBenchmarkTask Validate()
    {
        var task = ReinforcementBenchmark.FindTask(Task)
            ?? throw new ArgumentException($"Unknown task '{Task}'; expected one of {string.Join(", ", ReinforcementBenchmark.Tasks.Select(t => t.Name))}.", nameof(Task));
        if (Seeds < 1) throw new ArgumentOutOfRangeException(nameof(Seeds), Seeds, "Seeds must be at least 1.");
        if (Steps is < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "Steps must be at least 1.");
        if (TorchThreads is < 1) throw new ArgumentOutOfRangeException(nameof(TorchThreads), TorchThreads, "TorchThreads must be at least 1.");
        if (Methods is { } methods)
        {
            if (methods.Count == 0) throw new ArgumentException("Methods is empty; leave it null for every method.", nameof(Methods));
            foreach (var m in methods)
                if (!task.Methods.Contains(m))
                    throw new ArgumentException($"Unknown method '{m}' for task '{task.Name}'; expected one of {string.Join(", ", task.Methods)}.", nameof(Methods));
        }
        return task;
    }
}
