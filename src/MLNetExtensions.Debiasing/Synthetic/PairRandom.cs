namespace MLNetExtensions.Debiasing.Synthetic;

/// <summary>
/// Uniform numbers tied to a (seed, stream, user, item) tuple by a SplitMix64 hash, so the generator's per-pair
/// draws (true label, observation) can be recomputed on demand for any pair without storing the user x item matrix.
/// </summary>
internal static class PairRandom
{
    /// <summary>A uniform double in [0, 1) for the tuple.</summary>
    public static double Uniform(int seed, int stream, int user, int item)
    {
        ulong x = Mix((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)stream);
        x = Mix(x ^ (((ulong)(uint)user << 32) | (uint)item));
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
