namespace MLNetExtensions.Debiasing.Trainers;

/// <summary>The training objective of <see cref="DebiasedMatrixFactorizationTrainer"/>. Every method trains the same predictor.</summary>
public enum DebiasingMethod
{
    /// <summary>Plain cross-entropy averaged over the observed cells (biased under MNAR feedback).</summary>
    Naive,

    /// <summary>Inverse propensity scoring: cross-entropy weighted by the clipped inverse propensity.</summary>
    Ips,

    /// <summary>Self-normalised IPS: the weighted loss divided by the sum of the batch's inverse propensities.</summary>
    Snips,

    /// <summary>Doubly robust joint learning: an imputation model predicts the loss on sampled pairs; its error is weighted by the inverse propensity.</summary>
    DrJl,

    /// <summary>More robust doubly robust: as <see cref="DrJl"/>, the imputation error weighted by invprop^2 (1 - propensity).</summary>
    MrdrJl,

    /// <summary>Kernel-balanced IPS (random centres): a weight model learns w = sigmoid(&lt;A_u, B_i&gt;) x invprop balancing kernel means.</summary>
    KbIps,

    /// <summary>Kernel-balanced doubly robust: <see cref="DrJl"/> with the balancing weights of <see cref="KbIps"/>.</summary>
    KbDr,

    /// <summary>
    /// Adaptive kernel-balanced IPS ("AKB"): as <see cref="KbIps"/>, but each batch's J centres are the sampled pairs with the
    /// largest |eps|, eps the kernel coefficients that best reproduce the observed rows' losses (propensity-weighted fit).
    /// </summary>
    AkbIps,

    /// <summary>Adaptive kernel-balanced doubly robust: <see cref="KbDr"/> with the adaptive centres of <see cref="AkbIps"/> (fitted to e - ehat).</summary>
    AkbDr,
}
