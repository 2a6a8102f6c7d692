namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// One pass over (label, predicted class, group) that counts, per group and class, the rows with label c (P), the
/// rows predicted c (PP) and the rows with both (TP); every one-vs-rest rate follows from these and the group size:
/// TPR = TP / P, FPR = (PP - TP) / (n - P), accuracy = (n - P - PP + 2 TP) / n, and the multiclass accuracy of a
/// group is sum_c TP / n.
/// </summary>
internal static class MulticlassLabelMetrics
{
    public static (MulticlassClassFairness[] Classes, MetricSummary Accuracy) Compute(IReadOnlyList<int> labels, IReadOnlyList<int> predicted,
        int[] rowGroups, long[] groupCounts, IReadOnlyList<string> classNames, IReadOnlyList<string> groupNames, List<string> warnings)
    {
        int groupCount = groupCounts.Length, k = classNames.Count, n = labels.Count;
        var positives = new long[groupCount + 1, k];        // row groupCount holds the overall counts
        var predictedAs = new long[groupCount + 1, k];
        var truePositives = new long[groupCount + 1, k];
        for (int i = 0; i < n; i++)
        {
            int g = rowGroups[i], y = labels[i], p = predicted[i];
            positives[g, y]++;
            predictedAs[g, p]++;
            if (y == p) truePositives[g, y]++;
        }
        for (int g = 0; g < groupCount; g++)
            for (int c = 0; c < k; c++)
            {
                positives[groupCount, c] += positives[g, c];
                predictedAs[groupCount, c] += predictedAs[g, c];
                truePositives[groupCount, c] += truePositives[g, c];
            }
        var sizes = groupCounts.Append((long)n).ToArray();
        var excluded = new bool[groupCount];
        var classes = new MulticlassClassFairness[k];
        var tpr = new double[groupCount + 1];
        var fpr = new double[groupCount + 1];
        var accuracy = new double[groupCount + 1];
        for (int c = 0; c < k; c++)
        {
            for (int g = 0; g <= groupCount; g++)
            {
                long size = sizes[g], pos = positives[g, c], pp = predictedAs[g, c], tp = truePositives[g, c];
                tpr[g] = pos == 0 ? double.NaN : (double)tp / pos;
                fpr[g] = size - pos == 0 ? double.NaN : (double)(pp - tp) / (size - pos);
                accuracy[g] = (double)(size - pos - pp + 2 * tp) / size;
            }
            var tprSummary = Summary(FairnessMetricNames.TruePositiveRate, tpr, excluded, groupNames);
            var fprSummary = Summary(FairnessMetricNames.FalsePositiveRate, fpr, excluded, groupNames);
            if (tprSummary.UndefinedGroups.Count > 0)
                warnings.Add($"Class '{classNames[c]}': tpr is undefined for {string.Join("; ", tprSummary.UndefinedGroups)} (no row with label '{classNames[c]}'); left out of the class's min, max, difference and ratio.");
            if (fprSummary.UndefinedGroups.Count > 0)
                warnings.Add($"Class '{classNames[c]}': fpr is undefined for {string.Join("; ", fprSummary.UndefinedGroups)} (every row has label '{classNames[c]}'); left out of the class's min, max, difference and ratio.");
            classes[c] = new MulticlassClassFairness(classNames[c], tprSummary, fprSummary, Summary(FairnessMetricNames.Accuracy, accuracy, excluded, groupNames));
        }
        var overallAccuracy = new double[groupCount + 1];
        for (int g = 0; g <= groupCount; g++)
        {
            long correct = 0;
            for (int c = 0; c < k; c++) correct += truePositives[g, c];
            overallAccuracy[g] = (double)correct / sizes[g];
        }
        return (classes, Summary(FairnessMetricNames.Accuracy, overallAccuracy, excluded, groupNames));
    }

    // values[0..groups) are the groups, values[groups] the overall value.
    private static MetricSummary Summary(string name, double[] values, bool[] excluded, IReadOnlyList<string> groupNames)
    {
        var byGroup = values[..^1];
        double overall = values[^1];
        return new MetricSummary(name, overall, byGroup, DisparityAggregate.Compute(byGroup, overall, excluded), groupNames);
    }
}
