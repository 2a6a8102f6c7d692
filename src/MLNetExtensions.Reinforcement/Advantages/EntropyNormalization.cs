namespace MLNetExtensions.Reinforcement.Advantages;

/// <summary>Min-max normalisation of entropies over a batch: <c>Hn = (H - min) / (max - min + 1e-8)</c>, in [0, 1).</summary>
public static class EntropyNormalization
{
    /// <summary>The normalised values (all 0 when every entropy is equal).</summary>
    public static double[] MinMax(IReadOnlyList<double> entropies)
    {
        ArgumentNullException.ThrowIfNull(entropies);
        if (entropies.Count == 0) return Array.Empty<double>();
        double min = entropies.Min(), max = entropies.Max();
        return entropies.Select(h => (h - min) / (max - min + 1e-8)).ToArray();
    }
}
