using MLNetExtensions.Reinforcement.Training;

namespace MLNetExtensions.Reinforcement.Benchmark;

/// <summary>
/// The compared methods of the benchmark tasks and the coefficients a task uses for them: vanilla (PPO-clip GRPO),
/// entropy_bonus, clip_cov, kl_cov and empg. Each task states its own settings (the Clip-Cov bounds and ratios depend on the
/// scale of the advantages and of the token count).
/// </summary>
/// <param name="EntropyCoefficient">c_H of entropy_bonus.</param>
/// <param name="ClipCovRatio">Clip-Cov ratio of clip_cov.</param>
/// <param name="ClipCovLowerBound">Clip-Cov lower bound of clip_cov.</param>
/// <param name="ClipCovUpperBound">Clip-Cov upper bound of clip_cov.</param>
/// <param name="KlCovRatio">KL-Cov ratio of kl_cov.</param>
/// <param name="KlCovBeta">KL-Cov beta of kl_cov.</param>
public sealed record EntropyMethodSettings(double EntropyCoefficient, double ClipCovRatio, double ClipCovLowerBound, double ClipCovUpperBound,
    double KlCovRatio, double KlCovBeta)
{
    /// <summary>The method names, in report order.</summary>
    public static IReadOnlyList<string> Methods { get; } = new[] { "vanilla", "entropy_bonus", "clip_cov", "kl_cov", "empg" };

    /// <summary>Sets <paramref name="options"/> for <paramref name="method"/> (other options untouched).</summary>
    /// <exception cref="ArgumentException">Unknown method name.</exception>
    public void Apply(string method, GroupPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (method)
        {
            case "vanilla":
                break;
            case "entropy_bonus":
                options.EntropyCoefficient = EntropyCoefficient;
                break;
            case "clip_cov":
                options.EntropyControl = EntropyControl.ClipCov;
                options.ClipCovRatio = ClipCovRatio;
                options.ClipCovLowerBound = ClipCovLowerBound;
                options.ClipCovUpperBound = ClipCovUpperBound;
                break;
            case "kl_cov":
                options.EntropyControl = EntropyControl.KlCov;
                options.KlCovRatio = KlCovRatio;
                options.KlCovBeta = KlCovBeta;
                break;
            case "empg":
                options.UseEmpg = true;
                break;
            default:
                throw new ArgumentException($"Unknown method '{method}'; expected one of {string.Join(", ", Methods)}.", nameof(method));
        }
    }
}
