using Microsoft.ML;
using MLNetExtensions.Fairness.Metrics;
using MLNetExtensions.Fairness.Trainers;
using MLNetExtensions.Sweeping;
using MLNetExtensions.Trainers;

namespace MLNetExtensions.Fairness.Tuning;

/// <summary>
/// Lambda calibration on Core's sweeping: a <see cref="GridTuner"/> over <c>Lambda</c> x <c>Seed</c> of a
/// <see cref="FairTrainerOptions"/>, run by <see cref="OptionsSweeper"/> with the task metric and the validation
/// fairness report (<c>mlContext.Fairness().Evaluate</c>: DP difference, JSD, UF, dCov) as objectives.
/// </summary>
internal static class LambdaCalibrator
{
    public const string TaskObjective = "Task";
    public const string DpObjective = "DP";
    public const string JsdObjective = "JSD";
    public const string UfObjective = "UF";
    public const string DCovObjective = "dCov";
    public const string EoObjective = "EO";
    public const string AccuracyObjective = "Accuracy";
    public const string AucObjective = "AUC";

    public static LambdaCalibrationResult Run(MLContext mlContext, MlpTask task, FairTrainerOptions baseOptions,
        IDataView trainData, IDataView validationData, LambdaCalibrationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(baseOptions);
        ArgumentNullException.ThrowIfNull(trainData);
        ArgumentNullException.ThrowIfNull(validationData);
        options ??= new LambdaCalibrationOptions();
        options.Validate();
        baseOptions.Validate();
        if (task == MlpTask.MulticlassClassification)
            throw new ArgumentOutOfRangeException(nameof(task), task, "Lambda calibration covers binary classification and regression (the fairness report has no multiclass metrics yet).");
        bool binary = task == MlpTask.BinaryClassification;
        var taskMeasure = options.TaskMeasure ?? (binary ? TaskMeasure.Accuracy : TaskMeasure.Mse);
        var disparity = options.DisparityMeasure ?? (binary ? DisparityMeasure.DemographicParityDifference : DisparityMeasure.Jsd);
        if (binary == (taskMeasure == TaskMeasure.Mse))
            throw new ArgumentOutOfRangeException(nameof(options.TaskMeasure), taskMeasure,
                $"LambdaCalibrationOptions.TaskMeasure {taskMeasure} does not suit {task} (binary: Accuracy or Auc; regression: Mse).");
        if (!binary && disparity is DisparityMeasure.DemographicParityDifference or DisparityMeasure.EqualizedOddsDifference)
            throw new ArgumentOutOfRangeException(nameof(options.DisparityMeasure), disparity,
                $"LambdaCalibrationOptions.DisparityMeasure {disparity} is defined for classification; use Jsd, Uf or DistanceCovariance for regression.");
        var sensitive = options.SensitiveColumnNames ?? baseOptions.ProtectedColumnNames;
        if (sensitive.Length == 0)
            throw new ArgumentOutOfRangeException(nameof(options.SensitiveColumnNames), "(none)",
                "LambdaCalibrationOptions.SensitiveColumnNames (or the trainer's ProtectedColumnNames) must name at least one column.");

        // Each objective reads the same validation report; compute it once per scored view.
        IDataView? lastView = null;
        FairnessReport? lastReport = null;
        FairnessReport Report(IDataView scored)
        {
            if (!ReferenceEquals(scored, lastView))
            {
                lastReport = binary
                    ? mlContext.Fairness().Evaluate(scored, sensitive, baseOptions.LabelColumnName, probabilityColumnName: "Probability")
                    : mlContext.Fairness().EvaluateRegression(scored, sensitive, baseOptions.LabelColumnName);
                lastView = scored;
            }
            return lastReport!;
        }
        static double Value(double? v) => v ?? double.NaN;

        var objectives = new List<SweepObjective>
        {
            taskMeasure switch
            {
                TaskMeasure.Accuracy => new SweepObjective(TaskObjective, ObjectiveDirection.Maximize,
                    s => mlContext.BinaryClassification.Evaluate(s, baseOptions.LabelColumnName).Accuracy),
                TaskMeasure.Auc => new SweepObjective(TaskObjective, ObjectiveDirection.Maximize,
                    s => mlContext.BinaryClassification.Evaluate(s, baseOptions.LabelColumnName).AreaUnderRocCurve),
                _ => new SweepObjective(TaskObjective, ObjectiveDirection.Minimize,
                    s => mlContext.Regression.Evaluate(s, baseOptions.LabelColumnName).MeanSquaredError),
            },
        };
        if (binary)
        {
            objectives.Add(new SweepObjective(DpObjective, ObjectiveDirection.Minimize, s => Value(Report(s).DemographicParityDifference)));
            objectives.Add(new SweepObjective(EoObjective, ObjectiveDirection.Minimize, s => Value(Report(s).EqualizedOddsDifference)));
            objectives.Add(new SweepObjective(AccuracyObjective, ObjectiveDirection.Maximize, s => Value(Report(s).Metric(FairnessMetricNames.Accuracy).Overall)));
            objectives.Add(new SweepObjective(AucObjective, ObjectiveDirection.Maximize, s => Value(Report(s).Metric(FairnessMetricNames.Auc).Overall)));
        }
        objectives.Add(new SweepObjective(JsdObjective, ObjectiveDirection.Minimize, s => Value(Report(s).Jsd)));
        objectives.Add(new SweepObjective(UfObjective, ObjectiveDirection.Minimize, s => Value(Report(s).Uf)));
        objectives.Add(new SweepObjective(DCovObjective, ObjectiveDirection.Minimize, s => Value(Report(s).Distance?.CCdCov)));

        var space = new SearchSpace()
            .Add(nameof(FairTrainerOptions.Lambda), SearchParameter.Choice(options.Lambdas.Select(l => (object?)l).ToArray()))
            .Add(nameof(FairTrainerOptions.Seed), SearchParameter.Choice(options.Seeds.Select(s => (object?)s).ToArray()));
        Func<MLContext, FairTrainerOptions, IEstimator<ITransformer>> factory = task == MlpTask.BinaryClassification
            ? (ctx, o) => ctx.Fairness().Trainers.FairBinaryClassifier(o)
            : (ctx, o) => ctx.Fairness().Trainers.FairRegressor(o);
        var progress = options.Progress is null ? null : new TrialProgress(options.Progress, binary);
        var sweep = OptionsSweeper.Run(mlContext, factory, baseOptions, space, new GridTuner(), trainData, validationData, objectives, progress);
        var points = sweep.SuccessfulTrials.Select(t => ToPoint(t, binary)).ToArray();
        return new LambdaCalibrationResult(sweep, points, taskMeasure, disparity, options.Tolerance);
    }

    private static LambdaTradeOffPoint ToPoint(SweepTrial<FairTrainerOptions> t, bool binary) => new(
        t.Options.Lambda,
        t.Options.Seed,
        t.GetObjective(TaskObjective),
        binary ? Defined(t.GetObjective(DpObjective)) : null,
        Defined(t.GetObjective(JsdObjective)),
        Defined(t.GetObjective(UfObjective)),
        Defined(t.GetObjective(DCovObjective)))
    {
        EqualizedOddsDifference = binary ? Defined(t.GetObjective(EoObjective)) : null,
        Accuracy = binary ? Defined(t.GetObjective(AccuracyObjective)) : null,
        Auc = binary ? Defined(t.GetObjective(AucObjective)) : null,
    };

    // The sweep stores an undefined measure (a null in the report) as NaN; the points carry null.
    private static double? Defined(double value) => double.IsNaN(value) ? null : value;

    /// <summary>Reports each successful trial as a point, synchronously (Progress&lt;T&gt; would post to a context).</summary>
    private sealed class TrialProgress(IProgress<LambdaTradeOffPoint> target, bool binary) : IProgress<SweepTrial<FairTrainerOptions>>
    {
        public void Report(SweepTrial<FairTrainerOptions> value)
        {
            if (value.Succeeded) target.Report(ToPoint(value, binary));
        }
    }
}
