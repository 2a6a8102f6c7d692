namespace MLNetExtensions.Reinforcement.Training;

/// <summary>Which covariance-based entropy control replaces the plain PPO-clip loss.</summary>
public enum EntropyControl
{
    /// <summary>Plain PPO-clip (with clip-higher when <c>ClipEpsilonHigh &gt; ClipEpsilonLow</c>).</summary>
    None,

    /// <summary>Clip-Cov: zero the policy-gradient loss of a random share of high-covariance tokens.</summary>
    ClipCov,

    /// <summary>KL-Cov: add <c>beta |logp - logp_old|</c> to the un-clipped loss of the top-covariance tokens.</summary>
    KlCov,
}
