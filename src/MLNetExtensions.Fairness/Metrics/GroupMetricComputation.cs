namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// The rows prepared once (dense group ids, confusion cells, per-row log loss, score order) and one O(n) pass that
/// turns them into every disaggregated metric, optionally with bootstrap multiplicities as weights.
/// </summary>
internal sealed class GroupMetricComputation
{
    private readonly FairnessTask _task;
    private readonly int[] _groups;
    private readonly int _groupCount;
    private readonly byte[]? _cells;
    private readonly double[] _labels;
    private readonly double[] _predictions;
    private readonly double[] _output;
    private readonly double[]? _rowLogLoss;
    private readonly double[]? _aucScore;
    private readonly int[]? _aucOrder;
    private readonly int[] _metricSlots;

    public GroupMetricComputation(FairnessTask task, int[] groups, int groupCount, double[] labels, double[] predictions,
        double[] output, double[]? aucScore, double[]? probabilities)
    {
        _task = task;
        _groups = groups;
        _groupCount = groupCount;
        _labels = labels;
        _predictions = predictions;
        _output = output;
        if (task == FairnessTask.BinaryClassification)
        {
            _cells = new byte[labels.Length];
            for (int i = 0; i < _cells.Length; i++)
                _cells[i] = (byte)(2 * (int)labels[i] + (int)predictions[i]);
            if (probabilities is not null)
            {
                _rowLogLoss = new double[labels.Length];
                for (int i = 0; i < _rowLogLoss.Length; i++)
                {
                    // Clipped as scikit-learn's log_loss (eps 1e-15) so a confident mistake costs a finite amount.
                    double p = Math.Clamp(probabilities[i], 1e-15, 1 - 1e-15);
                    _rowLogLoss[i] = labels[i] == 1 ? -Math.Log(p) : -Math.Log(1 - p);
                }
            }
            if (aucScore is not null)
            {
                _aucScore = aucScore;
                _aucOrder = GroupAuc.SortOrder(aucScore);
            }
            var slots = new List<int>();
            for (int m = 0; m < BinaryMetricLayout.Names.Length; m++)
            {
                if (m == BinaryMetricLayout.Auc && aucScore is null) continue;
                if (m == BinaryMetricLayout.LogLoss && probabilities is null) continue;
                slots.Add(m);
            }
            _metricSlots = slots.ToArray();
            Names = _metricSlots.Select(m => BinaryMetricLayout.Names[m]).ToArray();
        }
        else
        {
            _metricSlots = new[] { 0, 1, 2 };
            Names = RegressionGroupSums.Names;
        }
    }

    /// <summary>The metrics computed, in table order.</summary>
    public string[] Names { get; }

    /// <summary>Metric values: <c>Overall[m]</c> and <c>ByGroup[m][g]</c> (NaN where undefined).</summary>
    public (double[] Overall, double[][] ByGroup) Run(int[]? weights)
    {
        int metricCount = Names.Length;
        var overall = new double[metricCount];
        var byGroup = new double[metricCount][];
        for (int m = 0; m < metricCount; m++) byGroup[m] = new double[_groupCount];
        if (_task == FairnessTask.BinaryClassification)
        {
            var counts = BinaryGroupCounts.Accumulate(_groups, _groupCount, _cells!, _output, _rowLogLoss, weights);
            double[]? auc = null;
            double overallAuc = double.NaN;
            if (_aucOrder is not null)
                (auc, overallAuc) = GroupAuc.Compute(_aucOrder, _aucScore!, _cells!, _groups, _groupCount, weights);
            Span<double> values = stackalloc double[BinaryMetricLayout.Names.Length];
            counts.OverallMetrics(overallAuc, _rowLogLoss is not null, values);
            for (int m = 0; m < metricCount; m++) overall[m] = values[_metricSlots[m]];
            for (int g = 0; g < _groupCount; g++)
            {
                counts.Metrics(g, auc is null ? double.NaN : auc[g], _rowLogLoss is not null, values);
                for (int m = 0; m < metricCount; m++) byGroup[m][g] = values[_metricSlots[m]];
            }
        }
        else
        {
            var sums = RegressionGroupSums.Accumulate(_groups, _groupCount, _labels, _predictions, weights);
            Span<double> values = stackalloc double[3];
            sums.OverallMetrics(values);
            values.CopyTo(overall);
            for (int g = 0; g < _groupCount; g++)
            {
                sums.Metrics(g, values);
                for (int m = 0; m < metricCount; m++) byGroup[m][g] = values[m];
            }
        }
        return (overall, byGroup);
    }
}
