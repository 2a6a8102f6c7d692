namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>
/// Columns of a multiclass calibrator. It reads the score vector <see cref="ScoreColumnName"/> (class
/// probabilities by default, as ML.NET's multiclass trainers and the Torch MLP write them; logits when
/// <see cref="ScoreIsProbability"/> is false) and writes the calibrated probability vector to
/// <see cref="OutputColumnName"/>, by default replacing "Score", because <c>mlContext.MulticlassClassification.Evaluate</c>
/// reads "Score". Unless <see cref="PredictedLabelColumnName"/> is null it also writes the arg-max class as a key.
/// </summary>
public class MulticlassCalibratorOptions
{
    /// <summary>Key-typed label used when fitting. Default "Label".</summary>
    public string LabelColumnName = "Label";

    /// <summary>Input vector column: known-size float vector, one value per class. Default "Score".</summary>
    public string ScoreColumnName = "Score";

    /// <summary>
    /// True (default): the scores are probabilities, turned into logits by z_k = ln(max(p_k, 1e-15)) (softmax is
    /// unchanged by the missing normaliser). False: the scores are logits already.
    /// </summary>
    public bool ScoreIsProbability = true;

    /// <summary>Calibrated probability vector written. Default "Score" (replacing the input column).</summary>
    public string OutputColumnName = "Score";

    /// <summary>Arg-max key column written (1-based, annotated with the label's key values), or null to leave the upstream one. Default "PredictedLabel".</summary>
    public string? PredictedLabelColumnName = "PredictedLabel";

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public virtual void Validate()
    {
        Check(!string.IsNullOrWhiteSpace(LabelColumnName), nameof(LabelColumnName), LabelColumnName, "must name a column");
        Check(!string.IsNullOrWhiteSpace(ScoreColumnName), nameof(ScoreColumnName), ScoreColumnName, "must name a column");
        Check(!string.IsNullOrWhiteSpace(OutputColumnName), nameof(OutputColumnName), OutputColumnName, "must name a column");
        Check(PredictedLabelColumnName is null || !string.IsNullOrWhiteSpace(PredictedLabelColumnName), nameof(PredictedLabelColumnName),
            PredictedLabelColumnName, "must name a column or be null");
        Check(PredictedLabelColumnName != OutputColumnName, nameof(PredictedLabelColumnName), PredictedLabelColumnName, "must differ from OutputColumnName");
    }

    /// <summary>A copy, so an estimator never sees later edits of the caller's options.</summary>
    public MulticlassCalibratorOptions Clone() => (MulticlassCalibratorOptions)MemberwiseClone();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for option <paramref name="name"/> unless <paramref name="ok"/>.</summary>
    protected void Check(bool ok, string name, object? value, string rule)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"{GetType().Name}.{name} {rule}.");
    }
}
