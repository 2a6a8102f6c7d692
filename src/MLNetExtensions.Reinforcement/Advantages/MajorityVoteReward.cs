namespace MLNetExtensions.Reinforcement.Advantages;

/// <summary>
/// Test-time RL pseudo-rewards (TTRL / ETTRL family): with no labels, a response's reward is 1 when it equals the most
/// frequent response of its group (ties: the one sampled first) and 0 otherwise.
/// </summary>
public static class MajorityVoteReward
{
    /// <summary>1/0 pseudo-rewards, prompt-major like the responses.</summary>
    public static double[] PseudoRewards(IReadOnlyList<IReadOnlyList<int>> responses, int groupSize)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (groupSize < 1 || responses.Count % groupSize != 0)
            throw new ArgumentException($"{responses.Count} responses are not a whole number of groups of {groupSize}.", nameof(responses));
        var rewards = new double[responses.Count];
        for (int start = 0; start < responses.Count; start += groupSize)
        {
            int best = start, bestVotes = 0;
            for (int i = start; i < start + groupSize; i++)
            {
                int votes = 0;
                for (int j = start; j < start + groupSize; j++)
                    if (responses[i].SequenceEqual(responses[j])) votes++;
                if (votes > bestVotes) (best, bestVotes) = (i, votes);
            }
            for (int i = start; i < start + groupSize; i++)
                rewards[i] = responses[i].SequenceEqual(responses[best]) ? 1.0 : 0.0;
        }
        return rewards;
    }
}
