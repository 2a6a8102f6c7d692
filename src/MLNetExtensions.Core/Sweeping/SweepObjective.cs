using Microsoft.ML;

namespace MLNetExtensions.Sweeping;

/// <summary>
/// A quantity a sweep measures for each trial, with the direction in which it is better. Most objectives are
/// metrics computed from the validation data scored by the trial's model, for example
/// <c>new SweepObjective("AUC", ObjectiveDirection.Maximize, scored => ml.BinaryClassification.Evaluate(scored).AreaUnderRocCurve)</c>.
/// </summary>
public sealed class SweepObjective
{
    private readonly Func<IDataView, ParameterSet, TimeSpan, double> _evaluate;

    /// <summary>Creates an objective computed from the scored validation data.</summary>
    /// <param name="name">A name unique within the sweep; it labels the objective in results.</param>
    /// <param name="direction">Whether larger or smaller values are better.</param>
    /// <param name="evaluate">Computes the objective from <c>model.Transform(validationData)</c>.</param>
    public SweepObjective(string name, ObjectiveDirection direction, Func<IDataView, double> evaluate)
        : this(name, direction, WrapScored(evaluate))
    {
    }

    private SweepObjective(string name, ObjectiveDirection direction, Func<IDataView, ParameterSet, TimeSpan, double> evaluate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(direction))
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown objective direction.");
        Name = name;
        Direction = direction;
        _evaluate = evaluate;
    }

    /// <summary>The objective's name.</summary>
    public string Name { get; }

    /// <summary>Whether larger or smaller values are better.</summary>
    public ObjectiveDirection Direction { get; }

    /// <summary>
    /// Creates an objective computed from the trial's parameter values rather than from its predictions, such as a
    /// regularisation strength or model size to trade off against accuracy.
    /// </summary>
    /// <param name="name">A name unique within the sweep.</param>
    /// <param name="direction">Whether larger or smaller values are better.</param>
    /// <param name="evaluate">Computes the objective from the trial's parameter values.</param>
    /// <returns>The objective.</returns>
    public static SweepObjective FromParameters(string name, ObjectiveDirection direction, Func<ParameterSet, double> evaluate)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        return new SweepObjective(name, direction, (_, parameters, _) => evaluate(parameters));
    }

    /// <summary>An objective, to minimize, equal to the seconds the trial's <c>Fit</c> took.</summary>
    /// <param name="name">The objective's name.</param>
    /// <returns>The objective.</returns>
    public static SweepObjective FitSeconds(string name = "FitSeconds") =>
        new(name, ObjectiveDirection.Minimize, (_, _, fitDuration) => fitDuration.TotalSeconds);

    /// <summary>Whether <paramref name="candidate"/> is strictly better than <paramref name="other"/> for this objective.</summary>
    /// <param name="candidate">A value of the objective.</param>
    /// <param name="other">Another value of the objective.</param>
    /// <returns><see langword="true"/> if <paramref name="candidate"/> is better.</returns>
    public bool IsBetter(double candidate, double other) =>
        Direction == ObjectiveDirection.Maximize ? candidate > other : candidate < other;

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Direction.ToString().ToLowerInvariant()})";

    internal double Evaluate(IDataView scored, ParameterSet parameters, TimeSpan fitDuration) =>
        _evaluate(scored, parameters, fitDuration);

    private static Func<IDataView, ParameterSet, TimeSpan, double> WrapScored(Func<IDataView, double> evaluate)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        return (scored, _, _) => evaluate(scored);
    }
}
