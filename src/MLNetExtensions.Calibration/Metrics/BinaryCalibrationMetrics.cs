namespace MLNetExtensions.Calibration.Metrics;

/// <summary>
/// Calibration metrics of a binary classifier's P(y = 1). The binned metrics (ECE family, Brier decomposition,
/// curve) are for the positive class; <see cref="TopLabelEce"/> bins the confidence max(p, 1 - p) instead.
/// </summary>
public sealed class BinaryCalibrationMetrics
{
    internal BinaryCalibrationMetrics(long count, BinnedCalibrationAccumulator positive, double topLabelEce, double ks, double smoothEce,
        double balance, double logLoss, double accuracy, double auc, double confidenceLevel, IReadOnlyDictionary<string, ConfidenceInterval> intervals)
    {
        Count = count;
        Brier = positive.Brier;
        BrierReliability = positive.BrierReliability;
        BrierResolution = positive.BrierResolution;
        BrierUncertainty = positive.BrierUncertainty;
        BrierWithinBinVariance = positive.BrierWithinBinVariance;
        BrierWithinBinCovariance = positive.BrierWithinBinCovariance;
        Ece = positive.Ece;
        Mce = positive.Mce;
        Ace = positive.Ace;
        Rmsce = positive.Rmsce;
        DebiasedL2Ece = positive.DebiasedL2Ece;
        TopLabelEce = topLabelEce;
        Ks = ks;
        SmoothEce = smoothEce;
        Balance = balance;
        LogLoss = logLoss;
        Accuracy = accuracy;
        Auc = auc;
        ReliabilityCurve = positive.GetReliabilityCurve(confidenceLevel);
        ConfidenceIntervals = intervals;
    }

    /// <summary>Rows evaluated.</summary>
    public long Count { get; }

    /// <summary>Brier score: mean (p - y)^2, in [0, 1].</summary>
    public double Brier { get; }

    /// <summary>Murphy reliability over the bins, sum (n_b / N)(confidence_b - observed_b)^2; lower is better.</summary>
    public double BrierReliability { get; }

    /// <summary>Murphy resolution over the bins, sum (n_b / N)(observed_b - base rate)^2; higher is better.</summary>
    public double BrierResolution { get; }

    /// <summary>Murphy uncertainty, base rate (1 - base rate).</summary>
    public double BrierUncertainty { get; }

    /// <summary>Within-bin forecast variance; Brier = REL - RES + UNC + this - <see cref="BrierWithinBinCovariance"/> exactly.</summary>
    public double BrierWithinBinVariance { get; }

    /// <summary>Within-bin covariance term (2 / N) sum (p - confidence_b)(y - observed_b).</summary>
    public double BrierWithinBinCovariance { get; }

    /// <summary>Expected calibration error (L1, bin-weighted), positive class.</summary>
    public double Ece { get; }

    /// <summary>Maximum calibration error over non-empty bins, positive class.</summary>
    public double Mce { get; }

    /// <summary>Average calibration error: unweighted mean gap over non-empty bins.</summary>
    public double Ace { get; }

    /// <summary>Root-mean-square (L2) calibration error.</summary>
    public double Rmsce { get; }

    /// <summary>Debiased L2 calibration error (Kumar et al. 2019), comparable to <see cref="Rmsce"/>.</summary>
    public double DebiasedL2Ece { get; }

    /// <summary>Top-label ECE: bins of confidence max(p, 1 - p) against correctness of the 0.5 threshold; |Balance| &lt;= this.</summary>
    public double TopLabelEce { get; }

    /// <summary>KS calibration error (Gupta et al. 2021); NaN when <see cref="CalibrationEvaluationOptions.BinnedOnly"/>, from the sample when <see cref="CalibrationEvaluationOptions.ReservoirSize"/> is set.</summary>
    public double Ks { get; }

    /// <summary>Smooth ECE (Blasiok and Nakkiran); NaN when <see cref="CalibrationEvaluationOptions.BinnedOnly"/>, from the sample when <see cref="CalibrationEvaluationOptions.ReservoirSize"/> is set.</summary>
    public double SmoothEce { get; }

    /// <summary>
    /// Balance score: mean(1{yhat = y} - max(p, 1 - p)) with yhat = 1 iff p &gt;= 0.5, i.e. accuracy minus mean
    /// confidence. 0 is ideal, positive = under-confident, negative = over-confident. Over- and under-confident
    /// regions cancel, so |Balance| &lt;= <see cref="TopLabelEce"/>. Reconstructed from public descriptions of the
    /// esports paper's score.
    /// </summary>
    public double Balance { get; }

    /// <summary>Log loss, natural log, probabilities clipped to [1e-15, 1 - 1e-15].</summary>
    public double LogLoss { get; }

    /// <summary>Accuracy of the decision p &gt;= 0.5.</summary>
    public double Accuracy { get; }

    /// <summary>
    /// Area under the ROC curve, ties counted as one half. NaN when only one class is present (undefined) or when
    /// <see cref="CalibrationEvaluationOptions.BinnedOnly"/>; from the sample when <see cref="CalibrationEvaluationOptions.ReservoirSize"/> is set.
    /// </summary>
    public double Auc { get; }

    /// <summary>The positive-class reliability curve with per-bin Wilson intervals.</summary>
    public ReliabilityCurve ReliabilityCurve { get; }

    /// <summary>Bootstrap percentile intervals keyed by the JSON name; empty when no resamples were asked for.</summary>
    public IReadOnlyDictionary<string, ConfidenceInterval> ConfidenceIntervals { get; internal set; }

    internal IEnumerable<(string Name, double Value)> Scalars() =>
    [
        ("brier", Brier), ("brier_reliability", BrierReliability), ("brier_resolution", BrierResolution),
        ("brier_uncertainty", BrierUncertainty), ("ece", Ece), ("mce", Mce), ("ace", Ace), ("rmsce", Rmsce),
        ("debiased_l2_ece", DebiasedL2Ece), ("top_label_ece", TopLabelEce), ("ks", Ks), ("smooth_ece", SmoothEce),
        ("balance", Balance), ("log_loss", LogLoss), ("accuracy", Accuracy), ("auc", Auc),
    ];

    /// <summary>
    /// One JSON object with snake_case keys (n, brier, ..., auc) and, when bootstrap intervals were computed,
    /// "confidence_intervals": {name: [lower, upper]}. Undefined values (NaN) are written as null.
    /// </summary>
    public string ToJson(bool indented = false) => MetricsJson.Write(Count, Scalars(), ConfidenceIntervals, indented);

    /// <summary>A readable multi-line summary.</summary>
    public override string ToString() =>
        MetricsJson.Text("Binary calibration metrics", Count, Scalars(), ConfidenceIntervals, ReliabilityCurve.ConfidenceLevel);
}
