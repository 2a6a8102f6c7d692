using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace MLNetExtensions.Sweeping;

/// <summary>All trials of a sweep, with ways to pick the best ones.</summary>
/// <typeparam name="TOptions">The options class swept.</typeparam>
public sealed class SweepResult<TOptions> where TOptions : class
{
    internal SweepResult(IReadOnlyList<SweepTrial<TOptions>> trials, IReadOnlyList<SweepObjective> objectives, IReadOnlyList<string> parameterNames)
    {
        Trials = trials;
        Objectives = objectives;
        ParameterNames = parameterNames;
    }

    /// <summary>Every trial, failed ones included, in the order they ran.</summary>
    public IReadOnlyList<SweepTrial<TOptions>> Trials { get; }

    /// <summary>The objectives measured for each trial.</summary>
    public IReadOnlyList<SweepObjective> Objectives { get; }

    /// <summary>The names of the swept parameters, in search-space order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The trials that succeeded.</summary>
    public IEnumerable<SweepTrial<TOptions>> SuccessfulTrials => Trials.Where(t => t.Succeeded);

    /// <summary>The successful trial with the best value of one objective; the earliest such trial on a tie.</summary>
    /// <param name="objectiveName">The objective's name.</param>
    /// <returns>The best trial.</returns>
    /// <exception cref="ArgumentException">There is no objective of that name.</exception>
    /// <exception cref="InvalidOperationException">No trial succeeded.</exception>
    public SweepTrial<TOptions> Best(string objectiveName)
    {
        var objective = GetObjective(objectiveName);
        SweepTrial<TOptions>? best = null;
        foreach (var trial in SuccessfulTrials)
        {
            if (best is null || objective.IsBetter(trial.GetObjective(objective.Name), best.GetObjective(objective.Name)))
                best = trial;
        }
        return best ?? throw new InvalidOperationException("No trial succeeded, so there is no best trial.");
    }

    /// <summary>
    /// The successful trials not dominated on two objectives: no other successful trial is at least as good on
    /// both and strictly better on one, each judged in its own direction. Trials with equal values on both
    /// objectives do not dominate each other, so all of them are kept. Sorted by ascending value of
    /// <paramref name="objectiveA"/>, then by trial index.
    /// </summary>
    /// <param name="objectiveA">The first objective's name; the result is sorted by it.</param>
    /// <param name="objectiveB">The second objective's name.</param>
    /// <returns>The Pareto frontier; empty when no trial succeeded.</returns>
    /// <exception cref="ArgumentException">An objective name is unknown.</exception>
    public IReadOnlyList<SweepTrial<TOptions>> ParetoFrontier(string objectiveA, string objectiveB)
    {
        var a = GetObjective(objectiveA);
        var b = GetObjective(objectiveB);
        var candidates = SuccessfulTrials
            .Select(t => (Trial: t, A: t.GetObjective(a.Name), B: t.GetObjective(b.Name)))
            .ToArray();

        bool Dominates((SweepTrial<TOptions> Trial, double A, double B) x, (SweepTrial<TOptions> Trial, double A, double B) y) =>
            !a.IsBetter(y.A, x.A) && !b.IsBetter(y.B, x.B) && (a.IsBetter(x.A, y.A) || b.IsBetter(x.B, y.B));

        // Quadratic, which is fine for the tens to hundreds of trials a sweep runs.
        return candidates
            .Where(c => !candidates.Any(other => Dominates(other, c)))
            .OrderBy(c => c.A)
            .ThenBy(c => c.Trial.Index)
            .Select(c => c.Trial)
            .ToArray();
    }

    /// <summary>
    /// One row per trial: <c>Trial</c> (index), one string column per parameter (invariant-culture text), one double
    /// column per objective (null where a failed trial has no value), <c>DurationSeconds</c>, and <c>Error</c>
    /// (null for successful trials). A column name already taken gets a numeric suffix.
    /// </summary>
    /// <returns>A new data frame.</returns>
    public DataFrame ToDataFrame()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        string Unique(string name)
        {
            string candidate = name;
            for (int suffix = 2; !used.Add(candidate); suffix++)
                candidate = string.Create(CultureInfo.InvariantCulture, $"{name}_{suffix}");
            return candidate;
        }

        var columns = new List<DataFrameColumn>
        {
            new Int32DataFrameColumn(Unique("Trial"), Trials.Select(t => t.Index)),
        };
        foreach (string name in ParameterNames)
            columns.Add(new StringDataFrameColumn(Unique(name), Trials.Select(t => FormatParameter(t, name, null))));
        foreach (var objective in Objectives)
            columns.Add(new DoubleDataFrameColumn(Unique(objective.Name), Trials.Select(t =>
                t.ObjectiveValues.TryGetValue(objective.Name, out double v) ? v : (double?)null)));
        columns.Add(new DoubleDataFrameColumn(Unique("DurationSeconds"), Trials.Select(t => (double?)t.Duration.TotalSeconds)));
        columns.Add(new StringDataFrameColumn(Unique("Error"), Trials.Select(t => t.Error!)));
        return new DataFrame(columns);
    }

    /// <summary>
    /// A text table, one row per trial, with parameter values, objective values, seconds and status; the best value
    /// of each objective is marked with <c>*</c>.
    /// </summary>
    public override string ToString()
    {
        var bestIndex = Objectives.ToDictionary(
            o => o.Name,
            o => SuccessfulTrials.Any() ? Best(o.Name).Index : -1);

        var header = new List<string> { "Trial" };
        header.AddRange(ParameterNames);
        header.AddRange(Objectives.Select(o => $"{o.Name} ({(o.Direction == ObjectiveDirection.Maximize ? "max" : "min")})"));
        header.Add("Seconds");
        header.Add("Status");

        var rows = new List<string[]> { header.ToArray() };
        foreach (var trial in Trials)
        {
            var row = new List<string> { trial.Index.ToString(CultureInfo.InvariantCulture) };
            row.AddRange(ParameterNames.Select(name => FormatParameter(trial, name, "G5")));
            row.AddRange(Objectives.Select(o => trial.ObjectiveValues.TryGetValue(o.Name, out double v)
                ? v.ToString("G5", CultureInfo.InvariantCulture) + (bestIndex[o.Name] == trial.Index ? "*" : "")
                : "-"));
            row.Add(trial.Duration.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture));
            row.Add(trial.Succeeded ? "ok" : "failed: " + trial.Error);
            rows.Add(row.ToArray());
        }

        // The status column is last and left ragged, so long error messages do not widen the table.
        int[] widths = Enumerable.Range(0, header.Count - 1).Select(c => rows.Max(r => r[c].Length)).ToArray();
        int succeeded = Trials.Count(t => t.Succeeded);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Sweep of {TypeNames.Display(typeof(TOptions))}: {Trials.Count} trials, {succeeded} succeeded")
            .AppendLine();
        foreach (var row in rows)
        {
            for (int c = 0; c < widths.Length; c++)
                text.Append(row[c].PadRight(widths[c])).Append("  ");
            text.AppendLine(row[^1]);
        }
        return text.ToString().TrimEnd();
    }

    private SweepObjective GetObjective(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Objectives.FirstOrDefault(o => o.Name == name)
            ?? throw new ArgumentException(
                $"Unknown objective '{name}'; the sweep measured: {string.Join(", ", Objectives.Select(o => o.Name))}.",
                nameof(name));
    }

    private static string FormatParameter(SweepTrial trial, string name, string? numberFormat) =>
        trial.Parameters.TryGetValue(name, out object? value) ? ValueFormatter.Format(value, numberFormat) : "";
}
