using System.Diagnostics;
using Microsoft.ML;

namespace MLNetExtensions.Sweeping;

/// <summary>
/// Sweeps the options of an ML.NET estimator: for each parameter set an <see cref="ITuner"/> proposes, builds a copy
/// of the base options, creates the estimator from it, fits it on training data, scores validation data and
/// measures the objectives.
/// </summary>
/// <example>
/// <code>
/// var result = OptionsSweeper.Run(
///     ml,
///     (ctx, o) => ctx.BinaryClassification.Trainers.SdcaLogisticRegression(o),
///     new SdcaLogisticRegressionBinaryTrainer.Options(),
///     new SearchSpace().Add("L2Regularization", SearchParameter.LogUniform(1e-4, 1)),
///     new RandomTuner(20, seed: 1),
///     train, validation,
///     [new SweepObjective("AUC", ObjectiveDirection.Maximize, s => ml.BinaryClassification.Evaluate(s).AreaUnderRocCurve)]);
/// var best = result.Best("AUC");
/// </code>
/// </example>
public static class OptionsSweeper
{
    /// <summary>Runs one trial per parameter set the tuner proposes, in order.</summary>
    /// <typeparam name="TOptions">The options class swept, such as a trainer's <c>Options</c>.</typeparam>
    /// <param name="mlContext">The context passed to <paramref name="estimatorFactory"/>.</param>
    /// <param name="estimatorFactory">Creates the estimator for a trial from its options (the shape of AutoML's <c>CreateSweepableEstimator</c>).</param>
    /// <param name="baseOptions">The options every trial starts from; not modified.</param>
    /// <param name="searchSpace">The parameters to vary, by options member name.</param>
    /// <param name="tuner">Proposes the parameter sets.</param>
    /// <param name="trainData">The data each estimator is fitted on.</param>
    /// <param name="validationData">The data each fitted model scores for the objectives.</param>
    /// <param name="objectives">What to measure; at least one, with distinct names.</param>
    /// <param name="progress">Told about each trial as it finishes.</param>
    /// <param name="cancellationToken">Checked before each trial.</param>
    /// <returns>All trials.</returns>
    /// <remarks>
    /// A trial that throws, or yields a NaN objective, is recorded as failed and the sweep goes on; an objective that
    /// throws fails the trial the same way. Only if every trial fails does the sweep throw.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// The search space does not fit the options type, or the objectives are empty or share a name.
    /// </exception>
    /// <exception cref="InvalidOperationException">The tuner proposed nothing, or every trial failed (the first failure is the inner exception).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static SweepResult<TOptions> Run<TOptions>(
        MLContext mlContext,
        Func<MLContext, TOptions, IEstimator<ITransformer>> estimatorFactory,
        TOptions baseOptions,
        SearchSpace searchSpace,
        ITuner tuner,
        IDataView trainData,
        IDataView validationData,
        IReadOnlyList<SweepObjective> objectives,
        IProgress<SweepTrial<TOptions>>? progress = null,
        CancellationToken cancellationToken = default)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(estimatorFactory);
        ArgumentNullException.ThrowIfNull(baseOptions);
        ArgumentNullException.ThrowIfNull(searchSpace);
        ArgumentNullException.ThrowIfNull(tuner);
        ArgumentNullException.ThrowIfNull(trainData);
        ArgumentNullException.ThrowIfNull(validationData);
        ArgumentNullException.ThrowIfNull(objectives);
        ValidateObjectives(objectives);
        // Fail before any training if a parameter does not fit the options, rather than in every trial.
        var bound = searchSpace.Bind(baseOptions.GetType());
        var objectiveList = objectives.ToArray();

        var trials = new List<SweepTrial<TOptions>>();
        foreach (var parameters in tuner.Propose(searchSpace))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trial = RunTrial(trials.Count, mlContext, estimatorFactory, baseOptions, bound, parameters, trainData, validationData, objectiveList);
            trials.Add(trial);
            progress?.Report(trial);
        }

        if (trials.Count == 0)
            throw new InvalidOperationException($"The tuner {tuner.GetType().Name} proposed no parameter sets.");
        if (trials.TrueForAll(t => !t.Succeeded))
        {
            var first = trials[0];
            throw new InvalidOperationException(
                $"All {trials.Count} trials failed. First error (trial 0, {first.Parameters}): {first.Error}",
                first.Exception);
        }
        return new SweepResult<TOptions>(trials, objectiveList, searchSpace.Names.ToArray());
    }

    private static SweepTrial<TOptions> RunTrial<TOptions>(
        int index,
        MLContext mlContext,
        Func<MLContext, TOptions, IEstimator<ITransformer>> estimatorFactory,
        TOptions baseOptions,
        BoundSearchSpace bound,
        ParameterSet parameters,
        IDataView trainData,
        IDataView validationData,
        SweepObjective[] objectives)
        where TOptions : class
    {
        var total = Stopwatch.StartNew();
        var options = OptionsCloner.Clone(baseOptions);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var fitDuration = TimeSpan.Zero;
        string stage = "setting options";

        SweepTrial<TOptions> Finish(ITransformer? model, string? error, Exception? exception) =>
            new(index, options, parameters, values, model, fitDuration, total.Elapsed, error, exception);

        try
        {
            bound.Assign(options, parameters);

            stage = "creating the estimator";
            var estimator = estimatorFactory(mlContext, options)
                ?? throw new InvalidOperationException("The estimator factory returned null.");

            stage = "fitting";
            var fitWatch = Stopwatch.StartNew();
            var model = estimator.Fit(trainData);
            fitDuration = fitWatch.Elapsed;

            stage = "scoring the validation data";
            var scored = model.Transform(validationData);

            foreach (var objective in objectives)
            {
                stage = $"evaluating objective '{objective.Name}'";
                double value = objective.Evaluate(scored, parameters, fitDuration);
                values[objective.Name] = value;
                if (double.IsNaN(value))
                    return Finish(null, $"Objective '{objective.Name}' is NaN.", null);
            }
            return Finish(model, null, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // A bad parameter combination should cost one trial, not the sweep.
            return Finish(null, $"Failed while {stage}: {ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    private static void ValidateObjectives(IReadOnlyList<SweepObjective> objectives)
    {
        if (objectives.Count == 0)
            throw new ArgumentException("At least one objective is needed.", nameof(objectives));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var objective in objectives)
        {
            if (objective is null)
                throw new ArgumentException("Objectives must not be null.", nameof(objectives));
            if (!names.Add(objective.Name))
                throw new ArgumentException($"Objective name '{objective.Name}' is used more than once.", nameof(objectives));
        }
    }
}
