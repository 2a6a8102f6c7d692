namespace MLNetExtensions.Calibration.Metrics;

/// <summary>
/// Calibration metrics of a multiclass classifier's probability vector. The ECE family, KS, smooth ECE, Balance and
/// the reliability curve are top-label (confidence = max_k p_k, correct = argmax = label, ties to the lowest class
/// index); Brier and its decomposition are multiclass (sums over the one-vs-rest classes); classwise ECE is the
/// mean over classes of the one-vs-rest ECE.
/// </summary>
public sealed class MulticlassCalibrationMetrics
{
    internal MulticlassCalibrationMetrics(long count, int classCount, BinnedCalibrationAccumulator topLabel, IReadOnlyList<BinnedCalibrationAccumulator> classwise,
        double ks, double smoothEce, double balance, double logLoss, double accuracy, double confidenceLevel, IReadOnlyDictionary<string, ConfidenceInterval> intervals)
    {
        Count = count;
        ClassCount = classCount;
        // sum_k (p_k - y_k)^2 averaged over rows = sum over classes of the one-vs-rest Brier scores, and so do its terms.
        Brier = classwise.Sum(a => a.Brier);
        BrierReliability = classwise.Sum(a => a.BrierReliability);
        BrierResolution = classwise.Sum(a => a.BrierResolution);
        BrierUncertainty = classwise.Sum(a => a.BrierUncertainty);
        BrierWithinBinVariance = classwise.Sum(a => a.BrierWithinBinVariance);
        BrierWithinBinCovariance = classwise.Sum(a => a.BrierWithinBinCovariance);
        Ece = topLabel.Ece;
        Mce = topLabel.Mce;
        Ace = topLabel.Ace;
        Rmsce = topLabel.Rmsce;
        DebiasedL2Ece = topLabel.DebiasedL2Ece;
        ClasswiseEcePerClass = classwise.Select(a => a.Ece).ToArray();
        ClasswiseEce = ClasswiseEcePerClass.Average();
        Ks = ks;
        SmoothEce = smoothEce;
        Balance = balance;
        LogLoss = logLoss;
        Accuracy = accuracy;
        ReliabilityCurve = topLabel.GetReliabilityCurve(confidenceLevel);
        ClasswiseReliabilityCurves = classwise.Select(a => a.GetReliabilityCurve(confidenceLevel)).ToArray();
        ConfidenceIntervals = intervals;
    }

    /// <summary>Rows evaluated.</summary>
    public long Count { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>
    /// Multiclass Brier score (Brier 1950): mean over rows of sum over classes (p_k - y_k)^2, in [0, 2]. Divide by 2
    /// for the [0, 1] scaling some libraries use, or by the class count for a per-class mean.
    /// </summary>
    public double Brier { get; }

    /// <summary>Reliability term, summed over the one-vs-rest classes (each over its own bins).</summary>
    public double BrierReliability { get; }

    /// <summary>Resolution term, summed over the one-vs-rest classes.</summary>
    public double BrierResolution { get; }

    /// <summary>Uncertainty term, sum_k rate_k (1 - rate_k).</summary>
    public double BrierUncertainty { get; }

    /// <summary>Within-bin variance, summed over classes; Brier = REL - RES + UNC + this - covariance exactly.</summary>
    public double BrierWithinBinVariance { get; }

    /// <summary>Within-bin covariance term, summed over classes.</summary>
    public double BrierWithinBinCovariance { get; }

    /// <summary>Top-label expected calibration error (L1).</summary>
    public double Ece { get; }

    /// <summary>Top-label maximum calibration error.</summary>
    public double Mce { get; }

    /// <summary>Top-label average calibration error (unweighted mean over non-empty bins).</summary>
    public double Ace { get; }

    /// <summary>Top-label RMS calibration error.</summary>
    public double Rmsce { get; }

    /// <summary>Top-label debiased L2 calibration error (Kumar et al. 2019).</summary>
    public double DebiasedL2Ece { get; }

    /// <summary>Classwise ECE: the mean over classes of the one-vs-rest ECE.</summary>
    public double ClasswiseEce { get; }

    /// <summary>The one-vs-rest ECE of each class.</summary>
    public IReadOnlyList<double> ClasswiseEcePerClass { get; }

    /// <summary>Top-label KS calibration error; NaN when <see cref="CalibrationEvaluationOptions.BinnedOnly"/>, from the sample when <see cref="CalibrationEvaluationOptions.ReservoirSize"/> is set.</summary>
    public double Ks { get; }

    /// <summary>Top-label smooth ECE; NaN when <see cref="CalibrationEvaluationOptions.BinnedOnly"/>, from the sample when <see cref="CalibrationEvaluationOptions.ReservoirSize"/> is set.</summary>
    public double SmoothEce { get; }

    /// <summary>Balance score on the top label: accuracy minus mean confidence; |Balance| &lt;= <see cref="Ece"/>. (Reconstructed; see docs/calibration.md.)</summary>
    public double Balance { get; }

    /// <summary>Multiclass log loss, -mean ln p_label, natural log, clipped to [1e-15, 1 - 1e-15].</summary>
    public double LogLoss { get; }

    /// <summary>Accuracy of the argmax.</summary>
    public double Accuracy { get; }

    /// <summary>The top-label reliability curve.</summary>
    public ReliabilityCurve ReliabilityCurve { get; }

    /// <summary>One-vs-rest reliability curve of each class.</summary>
    public IReadOnlyList<ReliabilityCurve> ClasswiseReliabilityCurves { get; }

    /// <summary>Bootstrap percentile intervals keyed by the JSON name; empty when no resamples were asked for.</summary>
    public IReadOnlyDictionary<string, ConfidenceInterval> ConfidenceIntervals { get; internal set; }

    internal IEnumerable<(string Name, double Value)> Scalars() =>
    [
        ("brier", Brier), ("brier_reliability", BrierReliability), ("brier_resolution", BrierResolution),
        ("brier_uncertainty", BrierUncertainty), ("ece", Ece), ("mce", Mce), ("ace", Ace), ("rmsce", Rmsce),
        ("debiased_l2_ece", DebiasedL2Ece), ("classwise_ece", ClasswiseEce), ("ks", Ks), ("smooth_ece", SmoothEce),
        ("balance", Balance), ("log_loss", LogLoss), ("accuracy", Accuracy),
    ];

    /// <summary>One JSON object with snake_case keys as <see cref="BinaryCalibrationMetrics.ToJson"/>, with classwise_ece and without auc.</summary>
    public string ToJson(bool indented = false) => MetricsJson.Write(Count, Scalars(), ConfidenceIntervals, indented);

    /// <summary>A readable multi-line summary.</summary>
    public override string ToString() =>
        MetricsJson.Text($"Multiclass calibration metrics, {ClassCount} classes", Count, Scalars(), ConfidenceIntervals, ReliabilityCurve.ConfidenceLevel);
}
