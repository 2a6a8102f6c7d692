using MLNetExtensions.Reinforcement.Advantages;
using MLNetExtensions.Training;

namespace MLNetExtensions.Reinforcement.Training;

/// <summary>
/// Settings of <see cref="GroupPolicyTrainer{TPrompt}"/>: GRPO-style group-relative policy gradients with PPO-clip,
/// an optional k3 KL to the starting policy, an entropy bonus, Clip-Cov / KL-Cov, EMPG, test-time majority voting and a
/// COPO-style global advantage. Defaults follow the papers; the ratios for Clip-Cov / KL-Cov suit small problems.
/// </summary>
public sealed class GroupPolicyOptions
{
    /// <summary>Responses sampled per prompt, G (default 8; at least 2).</summary>
    public int GroupSize { get; set; } = 8;

    /// <summary>Rollout-and-update steps (default 100).</summary>
    public int NumberOfSteps { get; set; } = 100;

    /// <summary>Prompts per rollout (default 0 = every prompt each step; otherwise a seeded cycle through them).</summary>
    public int PromptsPerStep { get; set; }

    /// <summary>Passes over each rollout (default 2). PpoEpochs x MiniBatches must be at least 2: with one on-policy
    /// update the ratio is 1 and neither the PPO clip nor Clip-Cov / KL-Cov does anything.</summary>
    public int PpoEpochs { get; set; } = 2;

    /// <summary>Mini-batches per pass (default 2), each a seeded share of the responses.</summary>
    public int MiniBatches { get; set; } = 2;

    /// <summary>Optimizer (default Adam).</summary>
    public OptimizerKind Optimizer { get; set; } = OptimizerKind.Adam;

    /// <summary>Learning rate eta (default 1e-2).</summary>
    public double LearningRate { get; set; } = 1e-2;

    /// <summary>PPO lower clip range: ratios below 1 - eps_low are clipped (default 0.2).</summary>
    public double ClipEpsilonLow { get; set; } = 0.2;

    /// <summary>PPO upper clip range (default 0.2; 0.28 is DAPO's clip-higher).</summary>
    public double ClipEpsilonHigh { get; set; } = 0.2;

    /// <summary>Advantage scaling (default GRPO's group std).</summary>
    public AdvantageScaling AdvantageScaling { get; set; } = AdvantageScaling.GroupStd;

    /// <summary>Weight of the k3 KL to the reference (starting) policy (default 0 = off).</summary>
    public double KlCoefficient { get; set; }

    /// <summary>Entropy bonus c_H: the loss gets <c>-c_H * tokenMean(H)</c>; POSITIVE values RAISE entropy (default 0).</summary>
    public double EntropyCoefficient { get; set; }

    /// <summary>Covariance-based entropy control (default none).</summary>
    public EntropyControl EntropyControl { get; set; } = EntropyControl.None;

    /// <summary>Clip-Cov share of valid tokens to exclude (default 2e-4, the authors' LLM value; small problems need ~1e-2).</summary>
    public double ClipCovRatio { get; set; } = 2e-4;

    /// <summary>Clip-Cov candidates need cov_i &gt; this (default 1).</summary>
    public double ClipCovLowerBound { get; set; } = 1;

    /// <summary>Clip-Cov candidates need cov_i &lt; this (default 5).</summary>
    public double ClipCovUpperBound { get; set; } = 5;

    /// <summary>KL-Cov share of valid tokens to penalise (default 2e-3 for small problems; 2e-4 at LLM scale).</summary>
    public double KlCovRatio { get; set; } = 2e-3;

    /// <summary>KL-Cov penalty weight beta (default 1).</summary>
    public double KlCovBeta { get; set; } = 1;

    /// <summary>Apply EMPG advantage modulation (default off).</summary>
    public bool UseEmpg { get; set; }

    /// <summary>EMPG k (default 1).</summary>
    public double EmpgK { get; set; } = 1;

    /// <summary>EMPG k_f (default 1).</summary>
    public double EmpgKFuture { get; set; } = 1;

    /// <summary>EMPG zeta (default 0.1).</summary>
    public double EmpgZeta { get; set; } = 0.1;

    /// <summary>Test-time mode (ETTRL-like, our variant): train on majority-vote pseudo-rewards; the reward function is
    /// then only reported (default off).</summary>
    public bool TestTimeMajorityVote { get; set; }

    /// <summary>In test-time mode, scale majority-agreeing advantages by 1 - Hn (our entropy-based reshaping; default on).</summary>
    public bool EntropyAdvantageReshaping { get; set; } = true;

    /// <summary>Largest weight of the COPO-style global advantage, gated by group entropy (default 0 = off; at most 1).</summary>
    public double GlobalAdvantageWeight { get; set; }

    /// <summary>Seed of every draw: prompt order, sampling, mini-batches, Clip-Cov picks (default 0).</summary>
    public int Seed { get; set; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        static void Fail(string name, object value, string message) => throw new ArgumentOutOfRangeException(name, value, message);
        static void Finite(string name, double value)
        {
            if (!double.IsFinite(value)) Fail(name, value, $"{name} must be finite.");
        }
        if (GroupSize < 2) Fail(nameof(GroupSize), GroupSize, "GroupSize must be at least 2: group-relative advantages compare responses to the same prompt.");
        if (NumberOfSteps < 1) Fail(nameof(NumberOfSteps), NumberOfSteps, "NumberOfSteps must be at least 1.");
        if (PromptsPerStep < 0) Fail(nameof(PromptsPerStep), PromptsPerStep, "PromptsPerStep must be 0 (all) or positive.");
        if (PpoEpochs < 1) Fail(nameof(PpoEpochs), PpoEpochs, "PpoEpochs must be at least 1.");
        if (MiniBatches < 1) Fail(nameof(MiniBatches), MiniBatches, "MiniBatches must be at least 1.");
        if (PpoEpochs * MiniBatches < 2)
            Fail(nameof(PpoEpochs), PpoEpochs * MiniBatches,
                $"PpoEpochs x MiniBatches must be at least 2 (got {PpoEpochs} x {MiniBatches}): with a single on-policy update the ratio is 1 and the clip, Clip-Cov and KL-Cov do nothing.");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) Fail(nameof(LearningRate), LearningRate, "LearningRate must be positive and finite.");
        if (!(ClipEpsilonLow > 0 && ClipEpsilonLow < 1)) Fail(nameof(ClipEpsilonLow), ClipEpsilonLow, "ClipEpsilonLow must be in (0, 1).");
        if (!(ClipEpsilonHigh > 0) || !double.IsFinite(ClipEpsilonHigh)) Fail(nameof(ClipEpsilonHigh), ClipEpsilonHigh, "ClipEpsilonHigh must be positive and finite.");
        if (!Enum.IsDefined(AdvantageScaling)) Fail(nameof(AdvantageScaling), AdvantageScaling, "Unknown AdvantageScaling.");
        if (!Enum.IsDefined(EntropyControl)) Fail(nameof(EntropyControl), EntropyControl, "Unknown EntropyControl.");
        if (!(KlCoefficient >= 0) || !double.IsFinite(KlCoefficient)) Fail(nameof(KlCoefficient), KlCoefficient, "KlCoefficient must be >= 0 and finite.");
        Finite(nameof(EntropyCoefficient), EntropyCoefficient);
        if (!(ClipCovRatio > 0 && ClipCovRatio <= 1)) Fail(nameof(ClipCovRatio), ClipCovRatio, "ClipCovRatio must be in (0, 1].");
        Finite(nameof(ClipCovLowerBound), ClipCovLowerBound);
        Finite(nameof(ClipCovUpperBound), ClipCovUpperBound);
        if (!(ClipCovUpperBound > ClipCovLowerBound))
            Fail(nameof(ClipCovUpperBound), ClipCovUpperBound, $"ClipCovUpperBound must exceed ClipCovLowerBound ({ClipCovLowerBound}).");
        if (!(KlCovRatio > 0 && KlCovRatio <= 1)) Fail(nameof(KlCovRatio), KlCovRatio, "KlCovRatio must be in (0, 1].");
        if (!(KlCovBeta >= 0) || !double.IsFinite(KlCovBeta)) Fail(nameof(KlCovBeta), KlCovBeta, "KlCovBeta must be >= 0 and finite.");
        Finite(nameof(EmpgK), EmpgK);
        Finite(nameof(EmpgKFuture), EmpgKFuture);
        Finite(nameof(EmpgZeta), EmpgZeta);
        if (!(GlobalAdvantageWeight >= 0 && GlobalAdvantageWeight <= 1))
            Fail(nameof(GlobalAdvantageWeight), GlobalAdvantageWeight, "GlobalAdvantageWeight must be in [0, 1].");
    }

    /// <summary>A copy (the trainer keeps its own).</summary>
    public GroupPolicyOptions Clone() => (GroupPolicyOptions)MemberwiseClone();
}
