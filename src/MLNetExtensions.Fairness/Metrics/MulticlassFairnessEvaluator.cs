using MLNetExtensions.Data;

namespace MLNetExtensions.Fairness.Metrics;

/// <summary>Builds a <see cref="MulticlassFairnessReport"/> from predicted classes and sensitive attributes (arrays).</summary>
public static class MulticlassFairnessEvaluator
{
    /// <summary>
    /// One-vs-rest selection rates of <paramref name="predictedClasses"/> (0-based class indices into
    /// <paramref name="classNames"/>) by the intersectional groups of the <paramref name="sensitive"/> attributes
    /// (continuous ones are skipped with a warning).
    /// </summary>
    /// <exception cref="ArgumentException">No attribute defines groups, lengths differ, or an attribute is given twice.</exception>
    /// <exception cref="DataValidationException">A class index is out of range (the row is named) or an attribute has one value.</exception>
    public static MulticlassFairnessReport Evaluate(IReadOnlyList<int> predictedClasses, IReadOnlyList<string> classNames,
        IReadOnlyList<SensitiveAttribute> sensitive, int minGroupSize = 30, string predictionName = "PredictedLabel") =>
        Build(null, predictedClasses, classNames, sensitive, minGroupSize, predictionName, "Label");

    /// <summary>
    /// Demographic parity as the other overload, plus the label-based metrics: per class (one-vs-rest) TPR, FPR and
    /// accuracy by group, the multiclass accuracy by group, and the multiclass equalized-odds and equal-opportunity
    /// differences and ratios (worst case and mean over the classes). <paramref name="labels"/> and
    /// <paramref name="predictedClasses"/> are 0-based indices into the same <paramref name="classNames"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No attribute defines groups, lengths differ, or an attribute is given twice.</exception>
    /// <exception cref="DataValidationException">A label or class index is out of range (column and row named) or an attribute has one value.</exception>
    public static MulticlassFairnessReport Evaluate(IReadOnlyList<int> labels, IReadOnlyList<int> predictedClasses, IReadOnlyList<string> classNames,
        IReadOnlyList<SensitiveAttribute> sensitive, int minGroupSize = 30, string predictionName = "PredictedLabel", string labelName = "Label")
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Build(labels, predictedClasses, classNames, sensitive, minGroupSize, predictionName, labelName);
    }

    private static MulticlassFairnessReport Build(IReadOnlyList<int>? labels, IReadOnlyList<int> predictedClasses, IReadOnlyList<string> classNames,
        IReadOnlyList<SensitiveAttribute> sensitive, int minGroupSize, string predictionName, string labelName)
    {
        ArgumentNullException.ThrowIfNull(predictedClasses);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(sensitive);
        if (classNames.Count < 2)
            throw new ArgumentException($"A multiclass report needs at least two classes; got {classNames.Count}.", nameof(classNames));
        if (minGroupSize < 0)
            throw new ArgumentOutOfRangeException(nameof(minGroupSize), minGroupSize, "minGroupSize must be non-negative.");
        int n = predictedClasses.Count;
        if (n == 0)
            throw DataValidationException.NoRows();
        var duplicate = sensitive.GroupBy(a => a.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Sensitive column '{duplicate.Key}' is given twice.", nameof(sensitive));
        foreach (var a in sensitive)
        {
            if (a.Count != n)
                throw new ArgumentException($"Sensitive column '{a.Name}' has {a.Count} rows; the predictions have {n}.", nameof(sensitive));
            if (a.DefinesGroups && a.Levels.Count < 2)
                throw new DataValidationException($"Sensitive column '{a.Name}' has one value ('{a.Levels[0]}') in all {n} rows: nothing to compare.", a.Name);
        }
        var grouping = sensitive.Where(a => a.DefinesGroups).ToList();
        if (grouping.Count == 0)
            throw new ArgumentException("Multiclass demographic parity needs at least one sensitive column that defines groups (not continuous).", nameof(sensitive));
        int k = classNames.Count;
        for (int i = 0; i < n; i++)
            if ((uint)predictedClasses[i] >= (uint)k)
                throw new DataValidationException($"Column '{predictionName}' row {i} has class index {predictedClasses[i]}; expected 0 to {k - 1}.", predictionName, i);
        if (labels is not null)
        {
            if (labels.Count != n)
                throw new ArgumentException($"Label column '{labelName}' has {labels.Count} rows; the predictions have {n}.", nameof(labels));
            for (int i = 0; i < n; i++)
                if ((uint)labels[i] >= (uint)k)
                    throw new DataValidationException($"Label column '{labelName}' row {i} has class index {labels[i]}; expected 0 to {k - 1}.", labelName, i);
        }

        var warnings = sensitive.Where(a => !a.DefinesGroups)
            .Select(a => $"Sensitive column '{a.Name}' is continuous: the group table skips it.").ToList();
        var index = GroupIndex.Build(grouping, n);
        var counts = new long[index.GroupCount, k];
        var overall = new double[k];
        for (int i = 0; i < n; i++)
        {
            counts[index.RowGroups[i], predictedClasses[i]]++;
            overall[predictedClasses[i]]++;
        }
        var groups = new FairnessGroup[index.GroupCount];
        var rates = new double[index.GroupCount][];
        for (int g = 0; g < groups.Length; g++)
        {
            var levels = grouping.Select((a, j) => new KeyValuePair<string, string>(a.Name, a.Levels[index.GroupLevels[g][j]])).ToArray();
            groups[g] = new FairnessGroup(levels, index.Counts[g], index.Counts[g] < minGroupSize);
            rates[g] = Enumerable.Range(0, k).Select(c => (double)counts[g, c] / index.Counts[g]).ToArray();
        }
        var small = groups.Where(g => g.IsSmall).ToList();
        if (small.Count > 0)
            warnings.Add($"{small.Count} group(s) have fewer than {minGroupSize} rows (kept in the differences): " + string.Join("; ", small.Select(g => $"{g.Name} ({g.Count})")) + ".");
        if (labels is null)
            return new MulticlassFairnessReport(classNames.ToArray(), groups, rates, overall.Select(v => v / n).ToArray(), warnings);
        var (classes, accuracy) = MulticlassLabelMetrics.Compute(labels, predictedClasses, index.RowGroups, index.Counts,
            classNames, groups.Select(g => g.Name).ToArray(), warnings);
        return new MulticlassFairnessReport(classNames.ToArray(), groups, rates, overall.Select(v => v / n).ToArray(), warnings, classes, accuracy);
    }
}
