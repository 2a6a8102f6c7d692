namespace MLNetExtensions.Reinforcement.Advantages;

/// <summary>
/// Entropy-Modulated Policy Gradients: with step entropies min-max normalised over the batch (Hn),
/// <c>g = exp(-k Hn) / mean(exp(-k Hn))</c>, <c>f = exp(-k_f Hn_next)</c> and <c>A_mod = g * A + zeta * f</c>.
/// Confident steps (low Hn) get g &gt; 1 (correct ones amplified, wrong ones penalised harder); uncertain steps are damped;
/// f rewards steps that lead to a confident next step.
/// </summary>
public static class EmpgModulation
{
    /// <summary>The modulated advantages.</summary>
    /// <param name="advantages">One advantage per step.</param>
    /// <param name="stepEntropies">Entropy of each step (for a sequence response: its mean token entropy).</param>
    /// <param name="nextStepEntropies">Entropy of the step that follows each step, normalised with the same min and max.</param>
    /// <param name="k">Self-calibrating gradient scaling sharpness (paper: 1).</param>
    /// <param name="kFuture">Future-clarity sharpness k_f (paper: 1).</param>
    /// <param name="zeta">Future-clarity bonus weight (paper: 0.1).</param>
    public static double[] Apply(IReadOnlyList<double> advantages, IReadOnlyList<double> stepEntropies, IReadOnlyList<double> nextStepEntropies,
        double k, double kFuture, double zeta)
    {
        ArgumentNullException.ThrowIfNull(advantages);
        ArgumentNullException.ThrowIfNull(stepEntropies);
        ArgumentNullException.ThrowIfNull(nextStepEntropies);
        if (advantages.Count != stepEntropies.Count || advantages.Count != nextStepEntropies.Count)
            throw new ArgumentException("EMPG needs one step entropy and one next-step entropy per advantage.");
        int n = advantages.Count;
        if (n == 0) return Array.Empty<double>();
        double min = stepEntropies.Min(), max = stepEntropies.Max();
        double Normalise(double h) => (h - min) / (max - min + 1e-8);
        var weights = stepEntropies.Select(h => Math.Exp(-k * Normalise(h))).ToArray();
        double meanWeight = weights.Average();
        var result = new double[n];
        for (int i = 0; i < n; i++)
            result[i] = weights[i] / meanWeight * advantages[i] + zeta * Math.Exp(-kFuture * Normalise(nextStepEntropies[i]));
        return result;
    }
}
