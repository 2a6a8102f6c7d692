using MLNetExtensions.Calibration.Metrics;

namespace MLNetExtensions.Calibration.Audit;

/// <summary>The report of <see cref="CalibrationCsvAudit"/>: binary or multiclass metrics, never both.</summary>
public sealed class CalibrationCsvAuditResult
{
    internal CalibrationCsvAuditResult(BinaryCalibrationMetrics? binary, MulticlassCalibrationMetrics? multiclass)
    {
        Binary = binary;
        Multiclass = multiclass;
    }

    /// <summary>Set when one probability column was given.</summary>
    public BinaryCalibrationMetrics? Binary { get; }

    /// <summary>Set when several probability columns were given.</summary>
    public MulticlassCalibrationMetrics? Multiclass { get; }

    /// <summary>The reliability curve (positive class for binary, top label for multiclass).</summary>
    public ReliabilityCurve ReliabilityCurve => Binary?.ReliabilityCurve ?? Multiclass!.ReliabilityCurve;

    /// <summary>One JSON object with snake_case keys (see <see cref="BinaryCalibrationMetrics.ToJson"/>).</summary>
    public string ToJson(bool indented = false) => Binary?.ToJson(indented) ?? Multiclass!.ToJson(indented);

    /// <inheritdoc />
    public override string ToString() => Binary?.ToString() ?? Multiclass!.ToString();
}
