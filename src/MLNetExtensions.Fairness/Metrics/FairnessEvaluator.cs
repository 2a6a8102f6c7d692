using System.Globalization;
using MLNetExtensions.Data;
using MLNetExtensions.Fairness.Metrics.Distance;

namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// The array-based core of the fairness report, shared by <c>mlContext.Fairness().Evaluate</c> (IDataView) and the
/// <c>mlnetx fairness</c> CLI (CSV). Groups become dense int ids; one pass accumulates per-group confusion counts or
/// error sums; aggregates follow Fairlearn's definitions (docs/fairness.md).
/// </summary>
public static class FairnessEvaluator
{
    /// <summary>
    /// Evaluates predictions against labels, disaggregated over the groups of <paramref name="sensitive"/>.
    /// Column names for messages come from <paramref name="options"/>.
    /// </summary>
    /// <param name="labels">Labels: 0/1 for classification, numbers for regression.</param>
    /// <param name="predictions">Predicted labels (0/1) for classification, predicted values for regression.</param>
    /// <param name="sensitive">One or more sensitive attributes with one entry per row.</param>
    /// <param name="scores">Optional scores (classification): AUC and the model output of JSD, UF and distance statistics.</param>
    /// <param name="probabilities">Optional probabilities in [0, 1] (classification): log loss.</param>
    /// <param name="options">Options; defaults when null.</param>
    public static FairnessReport Evaluate(double[] labels, double[] predictions, IReadOnlyList<SensitiveAttribute> sensitive,
        double[]? scores = null, double[]? probabilities = null, FairnessEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(sensitive);
        options ??= new FairnessEvaluationOptions();
        options.Validate();
        bool binary = options.Task == FairnessTask.BinaryClassification;
        string labelName = options.LabelColumnName, predictionName = options.ResolvedPredictionColumnName;
        string scoreName = options.ScoreColumnName ?? "Score", probabilityName = options.ProbabilityColumnName ?? "Probability";
        int n = labels.Length;
        if (n == 0)
            throw new DataValidationException("The data has no rows: a fairness report needs at least one row per group.");
        CheckLength(predictions, n, predictionName);
        if (scores is not null) CheckLength(scores, n, scoreName);
        if (probabilities is not null) CheckLength(probabilities, n, probabilityName);
        if (!binary && (scores is not null || probabilities is not null))
            throw new ArgumentException("Scores and probabilities apply to binary classification only; for regression the prediction is the output.");
        if (sensitive.Count == 0)
            throw new ArgumentException("At least one sensitive column is needed.", nameof(sensitive));
        var duplicate = sensitive.GroupBy(a => a.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Sensitive column '{duplicate.Key}' is given twice.", nameof(sensitive));
        foreach (var attribute in sensitive)
        {
            if (attribute.Count != n)
                throw new ArgumentException($"Sensitive column '{attribute.Name}' has {attribute.Count} rows; the labels have {n}.", nameof(sensitive));
            if (attribute.DefinesGroups && attribute.Levels.Count < 2)
                throw new DataValidationException(
                    $"Sensitive column '{attribute.Name}' has one value ('{attribute.Levels[0]}') in all {n} rows: all rows fall in one group, " +
                    "so there is nothing to compare. Give a column with at least two values.", attribute.Name);
        }

        if (binary)
        {
            CheckBinary(labels, labelName);
            CheckBinary(predictions, predictionName);
            if (scores is not null) CheckFinite(scores, scoreName);
            if (probabilities is not null) CheckProbabilities(probabilities, probabilityName);
        }
        else
        {
            CheckFinite(labels, labelName);
            CheckFinite(predictions, predictionName);
        }

        var warnings = new List<string>();
        var grouping = sensitive.Where(a => a.DefinesGroups).ToList();
        foreach (var continuous in sensitive.Where(a => !a.DefinesGroups))
            warnings.Add($"Sensitive column '{continuous.Name}' is continuous (more than {options.MaxDiscreteLevels} distinct values): " +
                         "the group tables skip it; dCov, dCor, CCdCov and JdCov use it as a number.");
        int[] rowGroups;
        int groupCount;
        FairnessGroup[] groups;
        if (grouping.Count > 0)
        {
            var index = GroupIndex.Build(grouping, n);
            rowGroups = index.RowGroups;
            groupCount = index.GroupCount;
            groups = new FairnessGroup[groupCount];
            for (int g = 0; g < groupCount; g++)
            {
                var levels = new KeyValuePair<string, string>[grouping.Count];
                for (int a = 0; a < grouping.Count; a++)
                    levels[a] = new(grouping[a].Name, grouping[a].Levels[index.GroupLevels[g][a]]);
                groups[g] = new FairnessGroup(levels, index.Counts[g], index.Counts[g] < options.MinGroupSize);
            }
            var small = groups.Where(g => g.IsSmall).ToList();
            if (small.Count > 0)
                warnings.Add($"{small.Count} group(s) have fewer than {options.MinGroupSize} rows" +
                             (options.ExcludeSmallGroups ? " and are left out of min/max/difference/ratio" : " (kept in min/max/difference/ratio)") +
                             ": " + string.Join("; ", small.Select(g => $"{g.Name} ({g.Count})")) + ".");
        }
        else
        {
            // Only continuous attributes: one pseudo-group for the overall metrics, no group table.
            rowGroups = new int[n];
            groupCount = 1;
            groups = Array.Empty<FairnessGroup>();
            warnings.Add("No sensitive column defines groups (all are continuous): group metrics and parity measures are not computed.");
        }

        var output = scores ?? probabilities ?? predictions;
        string outputColumn = scores is not null ? scoreName : probabilities is not null ? probabilityName : predictionName;
        var computation = new GroupMetricComputation(options.Task, rowGroups, groupCount, labels, predictions, output,
            scores ?? probabilities, probabilities);
        var (overall, byGroup) = computation.Run(null);
        var names = computation.Names;
        var groupNames = groups.Select(g => g.Name).ToArray();
        var excluded = groups.Select(g => g.IsSmall && options.ExcludeSmallGroups).ToArray();
        bool hasGroups = groups.Length > 0;
        var aggregates = new DisparityAggregate[names.Length];
        var summaries = new MetricSummary[names.Length];
        for (int m = 0; m < names.Length; m++)
        {
            var values = hasGroups ? byGroup[m] : Array.Empty<double>();
            aggregates[m] = DisparityAggregate.Compute(values, overall[m], excluded);
            summaries[m] = new MetricSummary(names[m], overall[m], values, aggregates[m], groupNames);
            if (!hasGroups) continue;
            if (summaries[m].UndefinedGroups.Count > 0)
                warnings.Add($"{names[m]} is undefined for {string.Join("; ", summaries[m].UndefinedGroups)} " +
                             $"({UndefinedReason(names[m])}); left out of its min/max/difference/ratio.");
            if (aggregates[m].Participants == 1)
                warnings.Add($"{names[m]}: only one group has a value, so its difference and ratio are undefined.");
            if (aggregates[m].NegativeValues && aggregates[m].Participants >= 2)
                warnings.Add($"{names[m]}: values below 0, so its ratio is undefined.");
        }
        var headlines = hasGroups ? FairnessHeadlines.Compute(names, aggregates) : FairnessHeadlines.Compute(Array.Empty<string>(), aggregates);

        double jsd = double.NaN, uf = double.NaN;
        if (hasGroups && options.IncludeDependenceMeasures)
        {
            jsd = GeneralizedJensenShannon.Compute(output, rowGroups, groups.Select(g => g.Count).ToArray(), options.JsdBandwidth,
                options.JsdGridPoints, options.JsdEqualGroupWeights);
            uf = UnfairnessRatio.Compute(output, rowGroups, groupCount, null);
        }

        DistanceDependence? distance = null;
        if (!options.IncludeDependenceMeasures)
        {
            warnings.Add("JSD, UF and the distance statistics were not asked for (option IncludeDependenceMeasures).");
        }
        else if (n >= 4)
        {
            distance = DistanceDependenceAnalysis.Compute(output, sensitive, options.DistanceMaxRows, options.Permutations, options.Seed);
            if (distance.Subsampled)
                warnings.Add($"dCov, dCor, CCdCov and JdCov are O(n^2): computed on a seeded random subsample of {distance.RowsUsed:N0} of " +
                             $"{n:N0} rows (option DistanceMaxRows; 0 = exact).");
        }
        else
        {
            warnings.Add($"Distance statistics need at least 4 rows (got {n}).");
        }

        var intervals = new Dictionary<string, ConfidenceInterval?>();
        if (options.BootstrapResamples > 0)
            AddBootstrap(options, computation, names, summaries, hasGroups ? groupCount : 0, excluded, output, rowGroups, intervals, n);

        return new FairnessReport
        {
            Task = options.Task,
            RowCount = n,
            SensitiveColumns = sensitive.Select(a => a.Name).ToArray(),
            SensitiveKinds = sensitive.Select(a => a.Kind).ToArray(),
            Groups = groups,
            Metrics = summaries,
            DemographicParityDifference = MetricSummary.NullIfNaN(headlines[0]),
            DemographicParityRatio = MetricSummary.NullIfNaN(headlines[1]),
            EqualizedOddsDifference = MetricSummary.NullIfNaN(headlines[2]),
            EqualizedOddsRatio = MetricSummary.NullIfNaN(headlines[3]),
            EqualizedOddsDifferenceMean = MetricSummary.NullIfNaN(headlines[4]),
            EqualizedOddsRatioMean = MetricSummary.NullIfNaN(headlines[5]),
            EqualOpportunityDifference = MetricSummary.NullIfNaN(headlines[6]),
            EqualOpportunityRatio = MetricSummary.NullIfNaN(headlines[7]),
            Intervals = intervals,
            Jsd = MetricSummary.NullIfNaN(jsd),
            JsdBandwidth = options.JsdBandwidth is double h ? h.ToString("R", CultureInfo.InvariantCulture) : "silverman per group",
            Uf = MetricSummary.NullIfNaN(uf),
            OutputColumn = outputColumn,
            Distance = distance,
            BootstrapResamples = options.BootstrapResamples,
            ConfidenceLevel = options.ConfidenceLevel,
            Warnings = warnings,
        };
    }

    private static void AddBootstrap(FairnessEvaluationOptions options, GroupMetricComputation computation, string[] names,
        MetricSummary[] summaries, int groupCount, bool[] excluded, double[] output, int[] rowGroups,
        Dictionary<string, ConfidenceInterval?> intervals, int n)
    {
        // Quantities per metric: overall, each group, difference, ratio; then the headline measures and UF.
        int perMetric = groupCount + 3, metricCount = names.Length;
        int headlineOffset = metricCount * perMetric, total = headlineOffset + FairnessHeadlines.Names.Length + 1;
        var samples = BootstrapIntervals.Run(n, options.BootstrapResamples, options.Seed, total, weights =>
        {
            var values = new double[total];
            var (overall, byGroup) = computation.Run(weights);
            var aggregates = new DisparityAggregate[metricCount];
            for (int m = 0; m < metricCount; m++)
            {
                var groupValues = groupCount > 0 ? byGroup[m] : Array.Empty<double>();
                aggregates[m] = DisparityAggregate.Compute(groupValues, overall[m], excluded);
                int o = m * perMetric;
                values[o] = overall[m];
                for (int g = 0; g < groupCount; g++) values[o + 1 + g] = groupValues[g];
                values[o + 1 + groupCount] = aggregates[m].Difference;
                values[o + 2 + groupCount] = aggregates[m].Ratio;
            }
            var headlines = FairnessHeadlines.Compute(groupCount > 0 ? names : Array.Empty<string>(), aggregates);
            headlines.CopyTo(values, headlineOffset);
            values[total - 1] = groupCount > 0 && options.IncludeDependenceMeasures ? UnfairnessRatio.Compute(output, rowGroups, groupCount, weights) : double.NaN;
            return values;
        });
        double level = options.ConfidenceLevel;
        for (int m = 0; m < metricCount; m++)
        {
            int o = m * perMetric;
            summaries[m].OverallInterval = samples.Interval(o, level);
            summaries[m].ByGroupIntervals = Enumerable.Range(0, groupCount).Select(g => samples.Interval(o + 1 + g, level)).ToArray();
            summaries[m].DifferenceInterval = samples.Interval(o + 1 + groupCount, level);
            summaries[m].RatioInterval = samples.Interval(o + 2 + groupCount, level);
        }
        for (int h = 0; h < FairnessHeadlines.Names.Length; h++)
            intervals[FairnessHeadlines.Names[h]] = samples.Interval(headlineOffset + h, level);
        intervals["uf"] = samples.Interval(total - 1, level);
    }

    private static string UndefinedReason(string metric) => metric switch
    {
        FairnessMetricNames.TruePositiveRate or FairnessMetricNames.FalseNegativeRate => "no positive label in the group",
        FairnessMetricNames.FalsePositiveRate or FairnessMetricNames.TrueNegativeRate => "no negative label in the group",
        FairnessMetricNames.Auc => "the group has one class only",
        _ => "no rows",
    };

    private static void CheckLength(double[] values, int n, string column)
    {
        if (values.Length != n)
            throw new ArgumentException($"Column '{column}' has {values.Length} rows; the labels have {n}.", column);
    }

    private static void CheckFinite(double[] values, string column)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new DataValidationException(
                    $"Column '{column}' has {values[i].ToString(CultureInfo.InvariantCulture)} at row {i}; a finite number is required.", column, i);
    }

    private static void CheckBinary(double[] values, string column)
    {
        for (int i = 0; i < values.Length; i++)
            if (values[i] != 0 && values[i] != 1)
                throw new DataValidationException(
                    $"Column '{column}' has {values[i].ToString(CultureInfo.InvariantCulture)} at row {i}; binary classification needs 0/1 (or Boolean) values.", column, i);
    }

    private static void CheckProbabilities(double[] values, string column)
    {
        for (int i = 0; i < values.Length; i++)
            if (!(values[i] >= 0 && values[i] <= 1))
                throw new DataValidationException(
                    $"Column '{column}' has {values[i].ToString(CultureInfo.InvariantCulture)} at row {i}; probabilities must lie in [0, 1].", column, i);
    }
}
