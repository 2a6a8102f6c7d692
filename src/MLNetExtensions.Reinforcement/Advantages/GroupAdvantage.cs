namespace MLNetExtensions.Reinforcement.Advantages;

/// <summary>Group-relative advantages of prompt-major rewards (row <c>p * G + g</c> is response g to prompt p).</summary>
public static class GroupAdvantage
{
    /// <summary>The epsilon added to standard deviations.</summary>
    public const double Epsilon = 1e-6;

    /// <summary>One advantage per response.</summary>
    public static double[] Compute(IReadOnlyList<double> rewards, int groupSize, AdvantageScaling scaling)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        if (groupSize < 2)
            throw new ArgumentOutOfRangeException(nameof(groupSize), groupSize, "Group-relative advantages need a group size of at least 2.");
        if (rewards.Count % groupSize != 0)
            throw new ArgumentException($"{rewards.Count} rewards are not a whole number of groups of {groupSize}.", nameof(rewards));
        var advantages = new double[rewards.Count];
        double batchStd = scaling == AdvantageScaling.Batch ? SampleStd(rewards, 0, rewards.Count) : 0;
        for (int start = 0; start < rewards.Count; start += groupSize)
        {
            double mean = 0;
            for (int i = start; i < start + groupSize; i++) mean += rewards[i];
            mean /= groupSize;
            double scale = scaling switch
            {
                AdvantageScaling.GroupStd => 1.0 / (SampleStd(rewards, start, groupSize) + Epsilon),
                AdvantageScaling.Batch => 1.0 / (batchStd + Epsilon),
                AdvantageScaling.None => 1.0,
                _ => throw new ArgumentOutOfRangeException(nameof(scaling), scaling, "Unknown advantage scaling."),
            };
            for (int i = start; i < start + groupSize; i++)
                advantages[i] = (rewards[i] - mean) * scale;
        }
        return advantages;
    }

    /// <summary>Sample (n - 1) standard deviation of <c>values[start .. start + count)</c>.</summary>
    internal static double SampleStd(IReadOnlyList<double> values, int start, int count)
    {
        if (count < 2) return 0;
        double mean = 0;
        for (int i = start; i < start + count; i++) mean += values[i];
        mean /= count;
        double sum = 0;
        for (int i = start; i < start + count; i++) sum += (values[i] - mean) * (values[i] - mean);
        return Math.Sqrt(sum / (count - 1));
    }
}
