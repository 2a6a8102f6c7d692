namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// Min, max, difference and ratio of one metric over groups (between groups and to overall), with the rules for
/// undefined values: groups whose value is NaN (e.g. TPR of a group without positives) or that are excluded (small
/// groups, when asked) do not take part. Between-group difference and ratio need two groups taking part; ratios
/// need non-negative values (a ratio of values of mixed sign means nothing); when all values are 0 the ratio is 1.
/// Results are NaN where undefined; the public report turns NaN into null with a warning.
/// </summary>
internal readonly struct DisparityAggregate
{
    public double Min { get; init; }
    public double Max { get; init; }
    public int ArgMin { get; init; }
    public int ArgMax { get; init; }
    public double Difference { get; init; }
    public double Ratio { get; init; }
    public double DifferenceToOverall { get; init; }
    public double RatioToOverall { get; init; }
    public int Participants { get; init; }
    public bool NegativeValues { get; init; }

    public static DisparityAggregate Compute(ReadOnlySpan<double> byGroup, double overall, ReadOnlySpan<bool> excluded)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity, toOverall = 0, ratioToOverall = double.PositiveInfinity;
        int argMin = -1, argMax = -1, participants = 0;
        bool negative = overall < 0;
        for (int g = 0; g < byGroup.Length; g++)
        {
            double v = byGroup[g];
            if (double.IsNaN(v) || excluded[g]) continue;
            participants++;
            if (v < min) { min = v; argMin = g; }
            if (v > max) { max = v; argMax = g; }
            if (v < 0) negative = true;
            if (!double.IsNaN(overall))
            {
                toOverall = Math.Max(toOverall, Math.Abs(v - overall));
                double r = v == overall ? 1 : Math.Min(v, overall) / Math.Max(v, overall);
                ratioToOverall = Math.Min(ratioToOverall, r);
            }
        }
        if (participants == 0)
            return new DisparityAggregate
            {
                Min = double.NaN, Max = double.NaN, ArgMin = -1, ArgMax = -1, Difference = double.NaN, Ratio = double.NaN,
                DifferenceToOverall = double.NaN, RatioToOverall = double.NaN, Participants = 0, NegativeValues = negative,
            };
        bool between = participants >= 2;
        return new DisparityAggregate
        {
            Min = min,
            Max = max,
            ArgMin = argMin,
            ArgMax = argMax,
            Difference = between ? max - min : double.NaN,
            Ratio = !between || negative ? double.NaN : max == 0 ? 1 : min / max,
            DifferenceToOverall = double.IsNaN(overall) ? double.NaN : toOverall,
            RatioToOverall = double.IsNaN(overall) || negative ? double.NaN : ratioToOverall,
            Participants = participants,
            NegativeValues = negative,
        };
    }
}
