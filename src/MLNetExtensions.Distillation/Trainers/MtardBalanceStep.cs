namespace MLNetExtensions.Distillation.Trainers;

/// <summary>One training batch of the MTARD balance: what it saw and the state after its update (teacher order).</summary>
/// <param name="Step">Batch number, from 1.</param>
/// <param name="Entropies">E_k = -mean over rows and classes of p_k log(p_k + 1e-5), p_k = softmax(z_k / tau_k) before the update.</param>
/// <param name="Losses">The batch's per-teacher distillation losses L_k (weighted mean KL).</param>
/// <param name="Temperatures">tau_k after the update (used from the next batch on).</param>
/// <param name="Weights">w_k after the update (used for this batch's total loss).</param>
public sealed record MtardBalanceStep(int Step, double[] Entropies, double[] Losses, double[] Temperatures, double[] Weights);
