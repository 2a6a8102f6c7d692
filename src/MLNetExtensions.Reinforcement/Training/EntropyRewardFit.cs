namespace MLNetExtensions.Reinforcement.Training;

/// <summary>
/// The entropy-mechanism paper's fit <c>R = -a e^H + b</c> of reward against entropy over a run, by least squares on
/// <c>x = e^H</c>. Its predicted ceiling is the reward at H = 0: <c>-a + b</c>.
/// </summary>
/// <param name="A">Coefficient a.</param>
/// <param name="B">Intercept b.</param>
/// <param name="RSquared">Coefficient of determination of the fit (NaN when the rewards do not vary).</param>
/// <param name="Points">Number of (H, R) points fitted.</param>
public sealed record EntropyRewardFit(double A, double B, double RSquared, int Points)
{
    /// <summary>The predicted reward once entropy is exhausted (H = 0): -a + b.</summary>
    public double Ceiling => -A + B;

    /// <summary>The fitted reward at entropy <paramref name="entropy"/>.</summary>
    public double Predict(double entropy) => -A * Math.Exp(entropy) + B;

    /// <summary>Fits the curve; needs at least two points with distinct entropies.</summary>
    public static EntropyRewardFit Fit(IReadOnlyList<double> entropies, IReadOnlyList<double> rewards)
    {
        ArgumentNullException.ThrowIfNull(entropies);
        ArgumentNullException.ThrowIfNull(rewards);
        if (entropies.Count != rewards.Count)
            throw new ArgumentException($"{entropies.Count} entropies but {rewards.Count} rewards.", nameof(rewards));
        int n = entropies.Count;
        if (n < 2) throw new ArgumentException("The R = -a e^H + b fit needs at least two steps.", nameof(entropies));
        var x = entropies.Select(Math.Exp).ToArray();
        double mx = x.Average(), my = rewards.Average();
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (rewards[i] - my);
            syy += (rewards[i] - my) * (rewards[i] - my);
        }
        if (!(sxx > 0)) throw new ArgumentException("The R = -a e^H + b fit needs steps with different entropies.", nameof(entropies));
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double rss = 0;
        for (int i = 0; i < n; i++)
        {
            double e = rewards[i] - (intercept + slope * x[i]);
            rss += e * e;
        }
        return new EntropyRewardFit(-slope, intercept, syy > 0 ? 1 - rss / syy : double.NaN, n);
    }
}
