using MLNetExtensions.Calibration.Metrics;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>Options of <see cref="CalibrationCatalog.CompareCalibrators"/>.</summary>
public sealed class CalibratorComparisonOptions
{
    /// <summary>Boolean or 0/1 label. Default "Label".</summary>
    public string LabelColumnName = "Label";

    /// <summary>Float score column: a logit/margin, or a probability when <see cref="ScoreIsProbability"/>. Default "Score".</summary>
    public string ScoreColumnName = "Score";

    /// <summary>
    /// Whether the score is a probability. It decides the "Uncalibrated" row (sigmoid of a logit, or the probability
    /// as is) and how our calibrators read the score; ML.NET's Platt and isotonic calibrators always read it as given.
    /// </summary>
    public bool ScoreIsProbability;

    /// <summary>Bins of the histogram-binning calibrator. Default 15.</summary>
    public int HistogramBins = 15;

    /// <summary>How the metrics are computed (bins, binning, bootstrap); null for the defaults.</summary>
    public CalibrationEvaluationOptions? Evaluation;
}
