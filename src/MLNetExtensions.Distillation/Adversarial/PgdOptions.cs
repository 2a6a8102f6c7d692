using MLNetExtensions.Trainers;
namespace MLNetExtensions.Distillation.Adversarial;

/// <summary>
/// Options of <see cref="PgdAttack"/>: an L-infinity projected-gradient attack on the features in the units the MLP
/// standardises them to (one unit = one training standard deviation of that feature; raw units when the MLP was
/// trained with <c>NormalizeFeatures = false</c>). Frozen features (categorical codes, one-hot slots) are never moved.
/// </summary>
public sealed class PgdOptions
{
    /// <summary>Radius of the L-infinity ball in standardised units (epsilon &gt;= 0). Default 0.1.</summary>
    public double Epsilon = 0.1;

    /// <summary>Step a of each sign-gradient step, standardised units (a &gt; 0). Default 0.025 (epsilon / 4).</summary>
    public double StepSize = 0.025;

    /// <summary>Number of steps. Default 10 (MTARD's training attack; evaluate with 20 for PGD-20).</summary>
    public int Steps = 10;

    /// <summary>Start point. Default <see cref="PgdRandomStart.Gaussian"/> (x + 0.001 N(0, I)).</summary>
    public PgdRandomStart RandomStart = PgdRandomStart.Gaussian;

    /// <summary>
    /// Indices of feature-vector slots the attack never changes (categorical / one-hot columns: a perturbed one-hot
    /// value is not a category). Default none: every slot is perturbed.
    /// </summary>
    public int[] FrozenFeatureIndices = Array.Empty<int>();

    /// <summary>Seed of the random start. Default 0.</summary>
    public int Seed;

    /// <summary>A copy (arrays copied).</summary>
    public PgdOptions Clone()
    {
        var copy = (PgdOptions)MemberwiseClone();
        copy.FrozenFeatureIndices = (int[])FrozenFeatureIndices.Clone();
        return copy;
    }

    /// <summary>The same attack with <paramref name="steps"/> steps (e.g. 20 for PGD-20 evaluation).</summary>
    public PgdOptions WithSteps(int steps)
    {
        var copy = Clone();
        copy.Steps = steps;
        return copy;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, object? value, string rule) => OptionChecks.Require(ok, nameof(PgdOptions), name, value, rule);
        Check(Epsilon >= 0 && double.IsFinite(Epsilon), nameof(Epsilon), Epsilon, "must be non-negative and finite");
        Check(StepSize > 0 && double.IsFinite(StepSize), nameof(StepSize), StepSize, "must be positive and finite");
        Check(Steps >= 1, nameof(Steps), Steps, "must be at least 1");
        Check(Enum.IsDefined(RandomStart), nameof(RandomStart), RandomStart, "is not a known start");
        Check(FrozenFeatureIndices is not null && FrozenFeatureIndices.All(i => i >= 0), nameof(FrozenFeatureIndices),
            FrozenFeatureIndices is null ? null : string.Join(",", FrozenFeatureIndices), "must hold non-negative slot indices");
    }
}
