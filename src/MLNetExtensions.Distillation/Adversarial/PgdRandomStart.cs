namespace MLNetExtensions.Distillation.Adversarial;

/// <summary>Where a PGD attack starts inside the epsilon ball (standardised feature units).</summary>
public enum PgdRandomStart
{
    /// <summary>At the clean point x.</summary>
    None,

    /// <summary>x + 0.001 N(0, I), as MTARD's and RSLAD's training code: a nudge off the clean point so the first gradient is not degenerate.</summary>
    Gaussian,

    /// <summary>x + U(-epsilon, epsilon) per feature (Madry et al.): a random point of the ball, a stronger attack.</summary>
    Uniform,
}
