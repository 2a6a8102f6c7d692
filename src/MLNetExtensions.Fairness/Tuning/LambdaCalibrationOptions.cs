using MLNetExtensions.Trainers;
namespace MLNetExtensions.Fairness.Tuning;

/// <summary>What a lambda calibration sweeps and how it chooses.</summary>
public sealed class LambdaCalibrationOptions
{
    /// <summary>The lambda grid (non-negative; include 0 for the unpenalised reference). Default 0, 0.3, 1, 3, 10, 30.</summary>
    public double[] Lambdas = { 0, 0.3, 1, 3, 10, 30 };

    /// <summary>Seeds; each lambda is trained once per seed and the choice uses the means over seeds. Default {0}.</summary>
    public int[] Seeds = { 0 };

    /// <summary>Columns the validation report groups by; default (null) the trainer's protected columns.</summary>
    public string[]? SensitiveColumnNames;

    /// <summary>Task metric; default Accuracy for binary classification, Mse for regression.</summary>
    public TaskMeasure? TaskMeasure;

    /// <summary>Disparity the rule minimises; default DemographicParityDifference (binary), Jsd (regression).</summary>
    public DisparityMeasure? DisparityMeasure;

    /// <summary>
    /// Relative tolerance of the choice rule: a lambda is acceptable when its mean task metric is within
    /// <c>Tolerance * |best|</c> of the best lambda's. Default 0.02.
    /// </summary>
    public double Tolerance = 0.02;

    /// <summary>Called after each trial.</summary>
    public IProgress<LambdaTradeOffPoint>? Progress;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, object? value, string rule) => OptionChecks.Require(ok, nameof(LambdaCalibrationOptions), name, value, rule);
        Check(Lambdas is { Length: > 0 } && Lambdas.All(l => l >= 0 && double.IsFinite(l)), nameof(Lambdas),
            Lambdas is null ? null : string.Join(",", Lambdas), "must hold at least one non-negative finite value");
        Check(Lambdas!.Distinct().Count() == Lambdas!.Length, nameof(Lambdas), string.Join(",", Lambdas), "must not repeat a value");
        Check(Seeds is { Length: > 0 } && Seeds.Distinct().Count() == Seeds.Length, nameof(Seeds), Seeds is null ? null : string.Join(",", Seeds), "must hold distinct seeds");
        Check(Tolerance >= 0 && double.IsFinite(Tolerance), nameof(Tolerance), Tolerance, "must be non-negative and finite");
        Check(TaskMeasure is null || Enum.IsDefined(TaskMeasure.Value), nameof(TaskMeasure), TaskMeasure, "is not a task measure");
        Check(DisparityMeasure is null || Enum.IsDefined(DisparityMeasure.Value), nameof(DisparityMeasure), DisparityMeasure, "is not a disparity measure");
    }
}
