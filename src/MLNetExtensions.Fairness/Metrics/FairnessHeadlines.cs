namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// The named disparity measures, from the between-group aggregates (Fairlearn's definitions):
/// demographic parity = selection-rate difference / ratio; equal opportunity = TPR difference / ratio;
/// equalized odds worst case = max(TPR difference, FPR difference) and min(TPR ratio, FPR ratio);
/// equalized odds mean = the mean of the two. NaN when an ingredient is undefined.
/// </summary>
internal static class FairnessHeadlines
{
    public const string DemographicParityDifference = "demographic_parity_difference";
    public const string DemographicParityRatio = "demographic_parity_ratio";
    public const string EqualizedOddsDifference = "equalized_odds_difference";
    public const string EqualizedOddsRatio = "equalized_odds_ratio";
    public const string EqualizedOddsDifferenceMean = "equalized_odds_difference_mean";
    public const string EqualizedOddsRatioMean = "equalized_odds_ratio_mean";
    public const string EqualOpportunityDifference = "equal_opportunity_difference";
    public const string EqualOpportunityRatio = "equal_opportunity_ratio";

    public static readonly string[] Names =
    {
        DemographicParityDifference, DemographicParityRatio, EqualizedOddsDifference, EqualizedOddsRatio,
        EqualizedOddsDifferenceMean, EqualizedOddsRatioMean, EqualOpportunityDifference, EqualOpportunityRatio,
    };

    /// <summary>The measures in <see cref="Names"/> order; all NaN for regression.</summary>
    public static double[] Compute(string[] metricNames, DisparityAggregate[] aggregates)
    {
        var result = new double[Names.Length];
        Array.Fill(result, double.NaN);
        int sr = Array.IndexOf(metricNames, FairnessMetricNames.SelectionRate);
        int tpr = Array.IndexOf(metricNames, FairnessMetricNames.TruePositiveRate);
        int fpr = Array.IndexOf(metricNames, FairnessMetricNames.FalsePositiveRate);
        if (sr < 0 || tpr < 0 || fpr < 0) return result;
        var s = aggregates[sr];
        var t = aggregates[tpr];
        var f = aggregates[fpr];
        result[0] = s.Difference;
        result[1] = s.Ratio;
        // Math.Max/Min propagate NaN: an undefined TPR or FPR disparity leaves equalized odds undefined.
        result[2] = Math.Max(t.Difference, f.Difference);
        result[3] = Math.Min(t.Ratio, f.Ratio);
        result[4] = (t.Difference + f.Difference) / 2;
        result[5] = (t.Ratio + f.Ratio) / 2;
        result[6] = t.Difference;
        result[7] = t.Ratio;
        return result;
    }
}
