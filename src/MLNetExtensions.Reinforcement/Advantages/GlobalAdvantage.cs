namespace MLNetExtensions.Reinforcement.Advantages;

/// <summary>
/// A COPO-style global term. A group whose responses all get the same reward has local (GRPO) advantage 0. The global
/// advantage of group p is its mean reward standardised across the groups of the batch,
/// <c>Ag_p = (s_p - mean s) / (std s + 1e-6)</c> (sample std). OUR gate: <c>w_p = weight * (1 - Hn_p)</c>, Hn_p the group's
/// mean response entropy min-max normalised over the batch, and <c>A = (1 - w_p) * A_local + w_p * Ag_p</c>: confident
/// (low-entropy) groups, where every answer tends to agree and the local signal vanishes, lean on the global term;
/// uncertain groups keep the local contrast.
/// </summary>
public static class GlobalAdvantage
{
    /// <summary>The blended advantages (prompt-major).</summary>
    /// <param name="localAdvantages">Group-relative advantages.</param>
    /// <param name="rewards">Rewards, prompt-major.</param>
    /// <param name="responseEntropies">Entropy of each response.</param>
    /// <param name="groupSize">Responses per prompt.</param>
    /// <param name="weight">Largest gate value, in [0, 1].</param>
    public static double[] Blend(IReadOnlyList<double> localAdvantages, IReadOnlyList<double> rewards, IReadOnlyList<double> responseEntropies,
        int groupSize, double weight)
    {
        ArgumentNullException.ThrowIfNull(localAdvantages);
        ArgumentNullException.ThrowIfNull(rewards);
        ArgumentNullException.ThrowIfNull(responseEntropies);
        if (localAdvantages.Count != rewards.Count || rewards.Count != responseEntropies.Count || groupSize < 1 || rewards.Count % groupSize != 0)
            throw new ArgumentException("The global term needs one reward and one entropy per advantage, in whole groups.");
        int groups = rewards.Count / groupSize;
        var success = new double[groups];
        var entropy = new double[groups];
        for (int p = 0; p < groups; p++)
        {
            for (int g = 0; g < groupSize; g++)
            {
                success[p] += rewards[p * groupSize + g];
                entropy[p] += responseEntropies[p * groupSize + g];
            }
            success[p] /= groupSize;
            entropy[p] /= groupSize;
        }
        double mean = success.Average();
        double std = GroupAdvantage.SampleStd(success, 0, groups);
        var normalisedEntropy = EntropyNormalization.MinMax(entropy);
        var result = new double[rewards.Count];
        for (int i = 0; i < rewards.Count; i++)
        {
            int p = i / groupSize;
            double gate = weight * (1 - normalisedEntropy[p]);
            double global = (success[p] - mean) / (std + GroupAdvantage.Epsilon);
            result[i] = (1 - gate) * localAdvantages[i] + gate * global;
        }
        return result;
    }
}
