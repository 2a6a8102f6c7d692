using System.Globalization;
using System.Text;

namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// Demographic parity of a multiclass classifier's predictions across (intersectional) groups, one-vs-rest: for each
/// class c, the selection rate P(predicted = c | group) of every group, their difference (max - min) and ratio
/// (min / max); the multiclass demographic-parity difference is the largest per-class difference.
/// </summary>
public sealed class MulticlassFairnessReport
{
    internal MulticlassFairnessReport(IReadOnlyList<string> classNames, IReadOnlyList<FairnessGroup> groups, double[][] selectionRates,
        double[] overall, IReadOnlyList<string> warnings)
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
        Warnings = warnings;
    }

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

    /// <summary>Notes: continuous attributes skipped, small groups.</summary>
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
        foreach (var w in Warnings) sb.AppendLine("Note: " + w);
        return sb.ToString();
    }
}
