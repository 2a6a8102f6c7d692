using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// Demographic parity of a multiclass classifier's predictions across (intersectional) groups, one-vs-rest: for each
/// class c, the selection rate P(predicted = c | group) of every group, their difference (max - min) and ratio
/// (min / max); the multiclass demographic-parity difference is the largest per-class difference.
/// </summary>
public sealed class MulticlassFairnessReport
{
    internal MulticlassFairnessReport(IReadOnlyList<string> classNames, IReadOnlyList<FairnessGroup> groups, double[][] selectionRates,
        double[] overall, List<string> warnings, IReadOnlyList<MulticlassClassFairness>? classes = null, MetricSummary? accuracy = null)
    {
        ClassNames = classNames;
        Groups = groups;
        SelectionRates = selectionRates;
        OverallSelectionRates = overall;
        int k = classNames.Count;
        var difference = new double[k];
        var ratio = new double[k];
        for (int c = 0; c < k; c++)
        {
            double min = selectionRates.Min(r => r[c]), max = selectionRates.Max(r => r[c]);
            difference[c] = max - min;
            ratio[c] = max == 0 ? 1 : min / max;   // a class nobody is predicted into is at parity
        }
        DemographicParityDifferenceByClass = difference;
        DemographicParityRatioByClass = ratio;
        int worst = Array.IndexOf(difference, difference.Max());
        WorstClass = classNames[worst];
        DemographicParityDifference = difference[worst];
        DemographicParityRatio = ratio.Min();
        Classes = classes ?? Array.Empty<MulticlassClassFairness>();
        Accuracy = accuracy;
        if (classes is not null)
        {
            (EqualizedOddsDifference, EqualizedOddsDifferenceMean, EqualizedOddsWorstClass) = Worst(classes, c => c.EqualizedOddsDifference, "equalized-odds difference", warnings);
            (EqualizedOddsRatio, EqualizedOddsRatioMean, _) = Worst(classes, c => c.EqualizedOddsRatio is double r ? -r : null, "equalized-odds ratio", null);
            EqualizedOddsRatio = -EqualizedOddsRatio;
            EqualizedOddsRatioMean = -EqualizedOddsRatioMean;
            (EqualOpportunityDifference, EqualOpportunityDifferenceMean, EqualOpportunityWorstClass) = Worst(classes, c => c.EqualOpportunityDifference, "equal-opportunity difference", warnings);
            (EqualOpportunityRatio, EqualOpportunityRatioMean, _) = Worst(classes, c => c.EqualOpportunityRatio is double r ? -r : null, "equal-opportunity ratio", null);
            EqualOpportunityRatio = -EqualOpportunityRatio;
            EqualOpportunityRatioMean = -EqualOpportunityRatioMean;
        }
        Warnings = warnings;
    }

    // The largest defined per-class value, the mean of the defined values and the class holding the largest; classes
    // where the value is undefined are left out, with a warning (all undefined: null). Ratios are passed negated so
    // that the largest is the smallest ratio; a rate ratio is undefined exactly where its difference is, so only the
    // differences warn.
    private static (double? Worst, double? Mean, string? WorstClass) Worst(IReadOnlyList<MulticlassClassFairness> classes,
        Func<MulticlassClassFairness, double?> value, string what, List<string>? warnings)
    {
        double? worst = null;
        string? worstClass = null;
        double sum = 0;
        int defined = 0;
        var undefined = new List<string>();
        foreach (var c in classes)
        {
            if (value(c) is not double v)
            {
                undefined.Add(c.ClassName);
                continue;
            }
            sum += v;
            defined++;
            if (worst is null || v > worst) { worst = v; worstClass = c.ClassName; }
        }
        if (undefined.Count > 0)
            warnings?.Add($"The {what} is undefined for class(es) {string.Join(", ", undefined.Select(c => $"'{c}'"))} (fewer than two groups with a value); left out of the multiclass worst case and mean.");
        return (worst, defined == 0 ? null : sum / defined, worstClass);
    }

    /// <summary>Whether labels were given, so that the label-based metrics below are filled in.</summary>
    public bool HasLabels => Accuracy is not null;

    /// <summary>The number of rows.</summary>
    public long RowCount => Groups.Sum(g => g.Count);

    /// <summary>Per class (one-vs-rest): TPR, FPR and accuracy by group and the class's disparities (empty without labels).</summary>
    public IReadOnlyList<MulticlassClassFairness> Classes { get; }

    /// <summary>Multiclass accuracy (share of rows whose predicted class is the label) by group (null without labels).</summary>
    public MetricSummary? Accuracy { get; }

    /// <summary>Multiclass equalized-odds difference, worst case: the largest per-class max(TPR difference, FPR difference).</summary>
    public double? EqualizedOddsDifference { get; }

    /// <summary>Multiclass equalized-odds difference, mean over the classes where it is defined.</summary>
    public double? EqualizedOddsDifferenceMean { get; }

    /// <summary>The class with the largest equalized-odds difference.</summary>
    public string? EqualizedOddsWorstClass { get; }

    /// <summary>Multiclass equalized-odds ratio, worst case: the smallest per-class min(TPR ratio, FPR ratio).</summary>
    public double? EqualizedOddsRatio { get; }

    /// <summary>Multiclass equalized-odds ratio, mean over the classes where it is defined.</summary>
    public double? EqualizedOddsRatioMean { get; }

    /// <summary>Multiclass equal-opportunity difference, worst case: the largest per-class TPR difference.</summary>
    public double? EqualOpportunityDifference { get; }

    /// <summary>Multiclass equal-opportunity difference, mean over the classes where it is defined.</summary>
    public double? EqualOpportunityDifferenceMean { get; }

    /// <summary>The class with the largest TPR difference.</summary>
    public string? EqualOpportunityWorstClass { get; }

    /// <summary>Multiclass equal-opportunity ratio, worst case: the smallest per-class TPR ratio.</summary>
    public double? EqualOpportunityRatio { get; }

    /// <summary>Multiclass equal-opportunity ratio, mean over the classes where it is defined.</summary>
    public double? EqualOpportunityRatioMean { get; }

    /// <summary>
    /// One row per group: group, its levels, count, small, <c>selection_rate[c]</c> per class and, with labels,
    /// <c>accuracy</c>, <c>tpr[c]</c>, <c>fpr[c]</c>, <c>accuracy[c]</c> (undefined values are nulls).
    /// </summary>
    public DataFrame ToDataFrame() => MulticlassFairnessReportTables.ByGroup(this);

    /// <summary>
    /// One row per class: the demographic-parity difference and ratio and, with labels, TPR/FPR/accuracy min, max,
    /// difference and ratio and the equalized-odds and equal-opportunity difference and ratio.
    /// </summary>
    public DataFrame ToSummaryDataFrame() => MulticlassFairnessReportTables.Summary(this);

    /// <summary>The report as one JSON object (undefined values are null).</summary>
    public string ToJson(bool indented = true) => MulticlassFairnessReportJson.Write(this, indented);

    /// <summary>The classes, in key order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The (intersectional) groups, with their row counts and small-group flags.</summary>
    public IReadOnlyList<FairnessGroup> Groups { get; }

    /// <summary><c>SelectionRates[g][c]</c> = share of group g's rows predicted as class c (each row sums to 1).</summary>
    public IReadOnlyList<IReadOnlyList<double>> SelectionRates { get; }

    /// <summary>Share of all rows predicted as each class.</summary>
    public IReadOnlyList<double> OverallSelectionRates { get; }

    /// <summary>Per class: max - min selection rate over the groups (one-vs-rest demographic-parity difference).</summary>
    public IReadOnlyList<double> DemographicParityDifferenceByClass { get; }

    /// <summary>Per class: min / max selection rate over the groups (1 when no group is predicted into the class).</summary>
    public IReadOnlyList<double> DemographicParityRatioByClass { get; }

    /// <summary>The multiclass demographic-parity difference: the largest per-class difference.</summary>
    public double DemographicParityDifference { get; }

    /// <summary>The smallest per-class ratio.</summary>
    public double DemographicParityRatio { get; }

    /// <summary>The class with the largest difference.</summary>
    public string WorstClass { get; }

    /// <summary>Notes: continuous attributes skipped, small groups, undefined TPR/FPR (groups without a class).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The selection-rate table (groups x classes), the per-class differences and the warnings, as text.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("group | n | " + string.Join(" | ", ClassNames));
        for (int g = 0; g < Groups.Count; g++)
            sb.AppendLine($"{Groups[g].Name}{(Groups[g].IsSmall ? " (small)" : "")} | {Groups[g].Count} | " + string.Join(" | ", SelectionRates[g].Select(v => v.ToString("0.0000", inv))));
        sb.AppendLine("overall | " + Groups.Sum(g => g.Count) + " | " + string.Join(" | ", OverallSelectionRates.Select(v => v.ToString("0.0000", inv))));
        sb.AppendLine("DP difference | | " + string.Join(" | ", DemographicParityDifferenceByClass.Select(v => v.ToString("0.0000", inv))));
        sb.AppendLine(string.Create(inv, $"Multiclass demographic-parity difference {DemographicParityDifference:0.0000} (class {WorstClass}), ratio {DemographicParityRatio:0.0000}."));
        if (Accuracy is not null)
        {
            string F(double? v) => v is double d ? d.ToString("0.0000", inv) : "undefined";
            sb.AppendLine("accuracy by group | " + string.Join(" | ", Accuracy.ByGroup.Select(F)) + " | overall " + F(Accuracy.Overall));
            foreach (var c in Classes)
                sb.AppendLine($"class {c.ClassName}: tpr {string.Join(" | ", c.TruePositiveRate.ByGroup.Select(F))}; fpr {string.Join(" | ", c.FalsePositiveRate.ByGroup.Select(F))}; equalized-odds difference {F(c.EqualizedOddsDifference)}");
            sb.AppendLine($"Multiclass equalized-odds difference {F(EqualizedOddsDifference)} (class {EqualizedOddsWorstClass ?? "none"}), mean {F(EqualizedOddsDifferenceMean)}, ratio {F(EqualizedOddsRatio)}; equal-opportunity difference {F(EqualOpportunityDifference)}, mean {F(EqualOpportunityDifferenceMean)}, ratio {F(EqualOpportunityRatio)}.");
        }
        foreach (var w in Warnings) sb.AppendLine("Note: " + w);
        return sb.ToString();
    }
}
