using MLNetExtensions.Reinforcement.Training;

namespace MLNetExtensions.Reinforcement.Benchmark;

/// <summary>
/// One task of <c>mlnetx bench rl --task NAME</c>: it builds its environment and policy for a seed, fine-tunes it with a
/// method and reports named figures. New tasks subclass this and are listed in <see cref="ReinforcementBenchmark.Tasks"/>.
/// </summary>
public abstract class ReinforcementBenchmarkTask
{
    /// <summary>The task name used by <c>--task</c> (lower case).</summary>
    public abstract string Name { get; }

    /// <summary>One line describing the task.</summary>
    public abstract string Description { get; }

    /// <summary>The methods the task compares, in report order.</summary>
    public virtual IReadOnlyList<string> Methods => EntropyMethodSettings.Methods;

    /// <summary>The figures each run reports, in report order (snake_case).</summary>
    public abstract IReadOnlyList<string> Figures { get; }

    /// <summary>Steps when <c>--steps</c> is not given.</summary>
    public abstract int DefaultSteps { get; }

    /// <summary>Runs one method with one seed for <paramref name="steps"/> steps.</summary>
    public abstract ReinforcementTaskRun Run(string method, int seed, int steps);
}

/// <summary>The figures and the history of one run.</summary>
/// <param name="Figures">Figure values by name (every name of <see cref="ReinforcementBenchmarkTask.Figures"/>).</param>
/// <param name="History">The run's per-step telemetry.</param>
public sealed record ReinforcementTaskRun(IReadOnlyDictionary<string, double> Figures, ReinforcementRunHistory History);
