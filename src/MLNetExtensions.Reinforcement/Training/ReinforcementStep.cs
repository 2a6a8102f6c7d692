namespace MLNetExtensions.Reinforcement.Training;

/// <summary>Telemetry of one rollout-and-update step. Entropies are token means over the rollout's valid tokens.</summary>
/// <param name="Step">1-based step number.</param>
/// <param name="MeanEntropy">Mean policy entropy at the sampled states before the update (nats).</param>
/// <param name="MeanReward">Mean reward of the sampled responses (from the reward function).</param>
/// <param name="MeanPseudoReward">Mean majority-vote pseudo-reward (test-time mode; NaN otherwise).</param>
/// <param name="Covariance">Cov(log pi_old, A) over valid tokens, A the advantages actually trained on.</param>
/// <param name="PredictedEntropyChange">-LearningRate x Covariance (the first-order prediction dH ~ -eta Cov).</param>
/// <param name="ObservedEntropyChange">Mean entropy at the same states after the update minus before.</param>
/// <param name="ValidTokens">Valid tokens of the rollout.</param>
/// <param name="ClippedTokens">Token updates where the PPO clip was active, summed over the step's mini-batch passes.</param>
/// <param name="ClipCovTokens">Tokens whose loss Clip-Cov zeroed, summed over the passes.</param>
/// <param name="KlCovTokens">Tokens KL-Cov penalised, summed over the passes.</param>
/// <param name="Loss">Mean mini-batch loss.</param>
/// <param name="KlToReference">Mean k3 KL to the reference policy over the passes (NaN when KlCoefficient is 0).</param>
/// <param name="Seconds">Wall time of the step.</param>
public sealed record ReinforcementStep(int Step, double MeanEntropy, double MeanReward, double MeanPseudoReward, double Covariance,
    double PredictedEntropyChange, double ObservedEntropyChange, int ValidTokens, int ClippedTokens, int ClipCovTokens, int KlCovTokens,
    double Loss, double KlToReference, double Seconds);
