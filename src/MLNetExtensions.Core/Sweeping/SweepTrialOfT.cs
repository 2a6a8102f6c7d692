using Microsoft.ML;

namespace MLNetExtensions.Sweeping;

/// <summary>The outcome of one sweep trial, with the options object the trial built its estimator from.</summary>
/// <typeparam name="TOptions">The options class swept.</typeparam>
public sealed class SweepTrial<TOptions> : SweepTrial where TOptions : class
{
    internal SweepTrial(
        int index,
        TOptions options,
        ParameterSet parameters,
        IReadOnlyDictionary<string, double> objectiveValues,
        ITransformer? model,
        TimeSpan fitDuration,
        TimeSpan duration,
        string? error,
        Exception? exception)
        : base(index, parameters, objectiveValues, model, fitDuration, duration, error, exception)
    {
        Options = options;
    }

    /// <summary>
    /// The trial's own copy of the base options with the parameter values set. A trainer may have written to it
    /// while fitting (SDCA, for example, stores the regularisation it chose automatically).
    /// </summary>
    public TOptions Options { get; }
}
