namespace MLNetExtensions.Reinforcement.Advantages;

/// <summary>How group-relative advantages are scaled after subtracting the group mean reward.</summary>
public enum AdvantageScaling
{
    /// <summary>GRPO: <c>(r - mean_group) / (std_group + 1e-6)</c>, std the sample (n - 1) standard deviation of the group.</summary>
    GroupStd,

    /// <summary><c>(r - mean_group) / (std_batch + 1e-6)</c>: group-centred, divided by the sample std of every reward of the rollout.</summary>
    Batch,

    /// <summary>Dr. GRPO: <c>r - mean_group</c>, no division.</summary>
    None,
}
