namespace MLNetExtensions.Reinforcement.Advantages;

/// <summary>
/// OUR variant of ETTRL's entropy-based advantage reshaping (the paper's exact formula was not recoverable): the advantage
/// of a response that agrees with the majority vote is scaled by <c>1 - Hn</c>, Hn its entropy min-max normalised over the
/// batch, so a pseudo-label backed by uncertain samples pushes less; disagreeing responses keep their advantage.
/// </summary>
public static class EntropyAdvantageReshaping
{
    /// <summary>The reshaped advantages.</summary>
    /// <param name="advantages">Advantages from the pseudo-rewards.</param>
    /// <param name="pseudoRewards">1 where the response agrees with its group's majority.</param>
    /// <param name="responseEntropies">Entropy of each response (mean token entropy).</param>
    public static double[] Apply(IReadOnlyList<double> advantages, IReadOnlyList<double> pseudoRewards, IReadOnlyList<double> responseEntropies)
    {
        ArgumentNullException.ThrowIfNull(advantages);
        ArgumentNullException.ThrowIfNull(pseudoRewards);
        if (advantages.Count != pseudoRewards.Count || advantages.Count != responseEntropies.Count)
            throw new ArgumentException("Reshaping needs one pseudo-reward and one entropy per advantage.");
        var normalised = EntropyNormalization.MinMax(responseEntropies);
        return advantages.Select((a, i) => pseudoRewards[i] > 0 ? a * (1 - normalised[i]) : a).ToArray();
    }
}
