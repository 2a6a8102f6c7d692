using static TorchSharp.torch;

namespace MLNetExtensions.Reinforcement.Losses;

/// <summary>
/// Clip-Cov (the entropy-mechanism paper's verl code): among valid tokens NOT already PPO-clipped whose centred
/// cross-product lies strictly inside (lb, ub), pick <c>min(max(floor(ratio * N), 1), #candidates)</c> at random
/// (N = valid tokens of the batch) and zero their policy-gradient loss, so the high-covariance tokens that drive
/// entropy down stop pulling.
/// </summary>
public static class ClipCovSelection
{
    /// <summary>The selected tokens as a [rows, steps] 1/0 float mask, and how many there are.</summary>
    /// <param name="logProbabilities">Current log pi per token (only its values are used).</param>
    /// <param name="advantages">Per-token advantages.</param>
    /// <param name="mask">Validity mask.</param>
    /// <param name="ppoClipped">1 where the PPO clip is active (from <see cref="PpoClipLoss.PerToken"/>).</param>
    /// <param name="clipRatio">Share of valid tokens to pick (the authors use 2e-4 for LLM token counts; ~1e-2 for small problems).</param>
    /// <param name="lowerBound">Candidates need cov_i &gt; lowerBound (authors: 1).</param>
    /// <param name="upperBound">Candidates need cov_i &lt; upperBound (authors: 5).</param>
    /// <param name="generator">The seeded generator of the random pick.</param>
    public static (Tensor Selected, int Count) Select(Tensor logProbabilities, Tensor advantages, Tensor mask, Tensor ppoClipped,
        double clipRatio, double lowerBound, double upperBound, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(ppoClipped);
        ArgumentNullException.ThrowIfNull(generator);
        float[] cov, valid, clipped;
        using (var perToken = TokenCovariance.PerToken(logProbabilities, advantages, mask))
            cov = TokenCovariance.ToArray(perToken);
        valid = TokenCovariance.ToArray(mask);
        clipped = TokenCovariance.ToArray(ppoClipped);
        int validCount = valid.Count(v => v > 0);
        var candidates = new List<long>();
        for (int i = 0; i < cov.Length; i++)
            if (valid[i] > 0 && clipped[i] == 0 && cov[i] > lowerBound && cov[i] < upperBound)
                candidates.Add(i);
        int take = Math.Min(Math.Max((int)(clipRatio * validCount), 1), candidates.Count);
        var selected = new float[cov.Length];
        if (take > 0)
        {
            using var permutation = randperm(candidates.Count, generator: generator);
            var order = permutation.data<long>().ToArray();
            for (int j = 0; j < take; j++)
                selected[candidates[(int)order[j]]] = 1f;
        }
        var result = MLNetExtensions.Torch.TensorCopy.FromSpan(selected, mask.shape, mask.device);
        return (result, take);
    }
}
