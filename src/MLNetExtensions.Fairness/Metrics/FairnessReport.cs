using Microsoft.Data.Analysis;
using MLNetExtensions.Fairness.Metrics.Distance;

namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// A disaggregated fairness report (like Fairlearn's MetricFrame plus the named disparity measures): groups with
/// counts, every metric overall / by group / min / max / difference / ratio, demographic parity, equalized odds,
/// equal opportunity, JSD, UF and distance statistics. Null values are undefined; <see cref="Warnings"/> says why.
/// Tables: <see cref="ToDataFrame"/> (by group) and <see cref="ToSummaryDataFrame"/>; JSON: <see cref="ToJson"/>.
/// </summary>
public sealed class FairnessReport
{
    internal FairnessReport() { }

    /// <summary>The task evaluated.</summary>
    public FairnessTask Task { get; internal init; }

    /// <summary>Rows evaluated.</summary>
    public long RowCount { get; internal init; }

    /// <summary>All sensitive columns, in the order given.</summary>
    public IReadOnlyList<string> SensitiveColumns { get; internal init; } = Array.Empty<string>();

    /// <summary>How each sensitive column was used.</summary>
    public IReadOnlyList<SensitiveAttributeKind> SensitiveKinds { get; internal init; } = Array.Empty<SensitiveAttributeKind>();

    /// <summary>The groups (Cartesian product of the non-continuous sensitive columns; only combinations present).</summary>
    public IReadOnlyList<FairnessGroup> Groups { get; internal init; } = Array.Empty<FairnessGroup>();

    /// <summary>Every metric, in table order.</summary>
    public IReadOnlyList<MetricSummary> Metrics { get; internal init; } = Array.Empty<MetricSummary>();

    /// <summary>The metric named <paramref name="name"/> (<see cref="FairnessMetricNames"/>).</summary>
    public MetricSummary Metric(string name) =>
        Metrics.FirstOrDefault(m => m.Name == name)
        ?? throw new KeyNotFoundException($"The report has no metric '{name}'. Metrics: {string.Join(", ", Metrics.Select(m => m.Name))}.");

    /// <summary>Selection-rate difference between groups (max - min); classification only.</summary>
    public double? DemographicParityDifference { get; internal init; }

    /// <summary>Selection-rate ratio between groups (min / max).</summary>
    public double? DemographicParityRatio { get; internal init; }

    /// <summary>Worst case: max(TPR difference, FPR difference).</summary>
    public double? EqualizedOddsDifference { get; internal init; }

    /// <summary>Worst case: min(TPR ratio, FPR ratio).</summary>
    public double? EqualizedOddsRatio { get; internal init; }

    /// <summary>Mean aggregation: (TPR difference + FPR difference) / 2.</summary>
    public double? EqualizedOddsDifferenceMean { get; internal init; }

    /// <summary>Mean aggregation: (TPR ratio + FPR ratio) / 2.</summary>
    public double? EqualizedOddsRatioMean { get; internal init; }

    /// <summary>TPR difference between groups.</summary>
    public double? EqualOpportunityDifference { get; internal init; }

    /// <summary>TPR ratio between groups.</summary>
    public double? EqualOpportunityRatio { get; internal init; }

    /// <summary>Bootstrap intervals of the named disparity measures and UF, by their JSON names (empty without bootstrap).</summary>
    public IReadOnlyDictionary<string, ConfidenceInterval?> Intervals { get; internal init; } = new Dictionary<string, ConfidenceInterval?>();

    /// <summary>Generalised Jensen-Shannon divergence (bits) of the groups' output distributions; null without groups.</summary>
    public double? Jsd { get; internal init; }

    /// <summary>The JSD bandwidth rule used ("silverman per group" or the fixed value).</summary>
    public string JsdBandwidth { get; internal init; } = "";

    /// <summary>UF = Var(E[output | group]) / Var(output); null without groups.</summary>
    public double? Uf { get; internal init; }

    /// <summary>Which column the output-based measures (mean prediction, JSD, UF, distance statistics) use.</summary>
    public string OutputColumn { get; internal init; } = "";

    /// <summary>dCov, dCor, CCdCov, JdCov of the output and the sensitive attributes; null with fewer than 4 rows.</summary>
    public DistanceDependence? Distance { get; internal init; }

    /// <summary>Bootstrap resamples behind the intervals (0: none).</summary>
    public int BootstrapResamples { get; internal init; }

    /// <summary>The confidence level of the intervals.</summary>
    public double ConfidenceLevel { get; internal init; }

    /// <summary>Why values are missing, which groups are small, which columns were skipped, what was subsampled.</summary>
    public IReadOnlyList<string> Warnings { get; internal init; } = Array.Empty<string>();

    /// <summary>The by-group table: group, one column per grouping attribute, count, small, then one column per metric (with bootstrap: <c>metric_lower</c>, <c>metric_upper</c>).</summary>
    public DataFrame ToDataFrame() => FairnessReportTables.ByGroup(this);

    /// <summary>The summary table: one row per metric with overall, min, max, difference, ratio and the to-overall values.</summary>
    public DataFrame ToSummaryDataFrame() => FairnessReportTables.Summary(this);

    /// <summary>The report as one JSON object (keys in docs/fairness.md; undefined values are null).</summary>
    public string ToJson(bool indented = true) => FairnessReportJson.Write(this, indented);

    /// <inheritdoc/>
    public override string ToString() => FairnessReportText.Write(this);
}
