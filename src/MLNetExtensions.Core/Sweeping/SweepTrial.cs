using System.Globalization;
using Microsoft.ML;

namespace MLNetExtensions.Sweeping;

/// <summary>
/// The outcome of one sweep trial, without its options object; see <see cref="SweepTrial{TOptions}"/>.
/// A trial failed when <see cref="Error"/> is set: then <see cref="Model"/> is <see langword="null"/> and
/// <see cref="ObjectiveValues"/> holds only the values computed before the failure.
/// </summary>
public class SweepTrial
{
    private protected SweepTrial(
        int index,
        ParameterSet parameters,
        IReadOnlyDictionary<string, double> objectiveValues,
        ITransformer? model,
        TimeSpan fitDuration,
        TimeSpan duration,
        string? error,
        Exception? exception)
    {
        Index = index;
        Parameters = parameters;
        ObjectiveValues = objectiveValues;
        Model = model;
        FitDuration = fitDuration;
        Duration = duration;
        Error = error;
        Exception = exception;
    }

    /// <summary>The trial's position in the sweep, from 0.</summary>
    public int Index { get; }

    /// <summary>The parameter values the trial used.</summary>
    public ParameterSet Parameters { get; }

    /// <summary>Each objective's value by objective name.</summary>
    public IReadOnlyDictionary<string, double> ObjectiveValues { get; }

    /// <summary>The fitted model, or <see langword="null"/> for a failed trial.</summary>
    public ITransformer? Model { get; }

    /// <summary>How long <c>Fit</c> took.</summary>
    public TimeSpan FitDuration { get; }

    /// <summary>How long the whole trial took: building the estimator, fitting, scoring and evaluating the objectives.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Why the trial failed, or <see langword="null"/> if it succeeded.</summary>
    public string? Error { get; }

    /// <summary>The exception that failed the trial, if one did (a NaN objective fails a trial without one).</summary>
    public Exception? Exception { get; }

    /// <summary>Whether the trial produced a model and a value for every objective.</summary>
    public bool Succeeded => Error is null;

    /// <summary>The value of the objective called <paramref name="objectiveName"/>.</summary>
    /// <param name="objectiveName">An objective name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The trial has no value for that objective (it failed first, or the name is unknown).</exception>
    public double GetObjective(string objectiveName) =>
        ObjectiveValues.TryGetValue(objectiveName, out double value)
            ? value
            : throw new KeyNotFoundException($"Trial {Index} has no value for objective '{objectiveName}'.");

    /// <summary>A one-line summary: index, parameters, objective values and either the duration or the error.</summary>
    public override string ToString()
    {
        string objectives = string.Join(", ", ObjectiveValues.Select(o => $"{o.Key}={o.Value.ToString("G6", CultureInfo.InvariantCulture)}"));
        string outcome = Succeeded
            ? string.Create(CultureInfo.InvariantCulture, $"{Duration.TotalSeconds:F2}s")
            : $"failed: {Error}";
        return $"Trial {Index}: {Parameters} -> {(objectives.Length == 0 ? "no objectives" : objectives)} ({outcome})";
    }
}
