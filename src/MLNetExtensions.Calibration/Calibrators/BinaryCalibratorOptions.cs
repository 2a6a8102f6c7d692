namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Columns of a binary calibrator. The calibrator reads <see cref="ScoreColumnName"/> (a raw logit or margin by
/// default, or a probability when <see cref="ScoreIsProbability"/> is set), writes a calibrated
/// <see cref="ProbabilityColumnName"/> and, unless <see cref="PredictedLabelColumnName"/> is null, a
/// <see cref="PredictedLabelColumnName"/> equal to <c>Probability &gt; 0.5</c>. Other columns (the upstream Score
/// included) pass through, so <c>mlContext.BinaryClassification.Evaluate</c> still works on the output.
/// </summary>
public class BinaryCalibratorOptions
{
    /// <summary>Label used when fitting: Boolean or Single 0/1. Default "Label".</summary>
    public string LabelColumnName = "Label";

    /// <summary>Input column (float scalar). Default "Score".</summary>
    public string ScoreColumnName = "Score";

    /// <summary>
    /// False (default): the input is a logit or margin (ML.NET linear trainers, FastTree, the Torch MLP's Score).
    /// True: the input is a probability in [0, 1], converted to the logit ln(p / (1 - p)) with p clipped to
    /// [1e-15, 1 - 1e-15]; values outside [0, 1] are an error.
    /// </summary>
    public bool ScoreIsProbability;

    /// <summary>Calibrated probability column written (replacing a same-named input column). Default "Probability".</summary>
    public string ProbabilityColumnName = "Probability";

    /// <summary>
    /// Predicted-label column written as <c>Probability &gt; 0.5</c> (replacing the upstream one), or null to leave the
    /// upstream column untouched. Default "PredictedLabel". Temperature scaling never changes it (sigmoid(z / T) &gt; 0.5
    /// exactly when z &gt; 0); beta calibration and histogram binning may.
    /// </summary>
    public string? PredictedLabelColumnName = "PredictedLabel";

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public virtual void Validate()
    {
        Check(!string.IsNullOrWhiteSpace(LabelColumnName), nameof(LabelColumnName), LabelColumnName, "must name a column");
        Check(!string.IsNullOrWhiteSpace(ScoreColumnName), nameof(ScoreColumnName), ScoreColumnName, "must name a column");
        Check(!string.IsNullOrWhiteSpace(ProbabilityColumnName), nameof(ProbabilityColumnName), ProbabilityColumnName, "must name a column");
        Check(PredictedLabelColumnName is null || !string.IsNullOrWhiteSpace(PredictedLabelColumnName), nameof(PredictedLabelColumnName),
            PredictedLabelColumnName, "must name a column or be null");
        Check(PredictedLabelColumnName != ProbabilityColumnName, nameof(PredictedLabelColumnName), PredictedLabelColumnName,
            "must differ from ProbabilityColumnName");
    }

    /// <summary>A copy, so an estimator never sees later edits of the caller's options.</summary>
    public BinaryCalibratorOptions Clone() => (BinaryCalibratorOptions)MemberwiseClone();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for option <paramref name="name"/> unless <paramref name="ok"/>.</summary>
    protected void Check(bool ok, string name, object? value, string rule)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"{GetType().Name}.{name} {rule}.");
    }
}
