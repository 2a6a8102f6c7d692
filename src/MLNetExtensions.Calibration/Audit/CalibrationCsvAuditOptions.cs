using MLNetExtensions.Calibration.Metrics;

namespace MLNetExtensions.Calibration.Audit;

/// <summary>What <see cref="CalibrationCsvAudit"/> reads from a CSV file of predictions and how it evaluates them.</summary>
public sealed class CalibrationCsvAuditOptions
{
    /// <summary>
    /// The label column. Binary audits (one probability column) accept 0/1 or true/false; multiclass audits
    /// (several probability columns) accept the 0-based class index, an integer in [0, number of columns).
    /// </summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>
    /// One column: the probability of the positive class (binary). Several: one probability per class, in class
    /// order (multiclass); each row must sum to 1 within <see cref="CalibrationEvaluationOptions.ProbabilitySumTolerance"/>.
    /// </summary>
    public IReadOnlyList<string> ProbabilityColumnNames { get; set; } = new[] { "Probability" };

    /// <summary>Bins, binning, bin-edge convention, bootstrap and tolerance of the evaluation.</summary>
    public CalibrationEvaluationOptions Evaluation { get; set; } = new();

    /// <summary>The field separator (an ASCII character).</summary>
    public char Separator { get; set; } = ',';
}
