namespace MLNetExtensions.Reinforcement.Addition;

/// <summary>
/// The unbiased pass@k estimator of Chen et al. (2021, "Evaluating Large Language Models Trained on Code", eq. 1):
/// from n samples of which c are correct, pass@k = 1 - C(n - c, k) / C(n, k), computed as the product
/// 1 - prod_{i = n - c + 1}^{n} (1 - k / i) to avoid large binomials.
/// </summary>
public static class PassAtK
{
    /// <summary>The estimate for one problem.</summary>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 1, c outside [0, n], or k outside [1, n].</exception>
    public static double Estimate(int samples, int correct, int k)
    {
        if (samples < 1) throw new ArgumentOutOfRangeException(nameof(samples), samples, "samples (n) must be at least 1.");
        if (correct < 0 || correct > samples)
            throw new ArgumentOutOfRangeException(nameof(correct), correct, $"correct (c) must be in [0, n = {samples}].");
        if (k < 1 || k > samples)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [1, n = {samples}].");
        if (samples - correct < k) return 1.0;
        var failAll = 1.0;
        for (var i = samples - correct + 1; i <= samples; i++)
            failAll *= 1.0 - (double)k / i;
        return 1.0 - failAll;
    }
}
