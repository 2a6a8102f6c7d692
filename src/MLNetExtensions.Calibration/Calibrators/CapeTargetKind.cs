namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>How CaPE turns the model's sorted training predictions into soft targets.</summary>
public enum CapeTargetKind
{
    /// <summary>Equal-mass bins over the ranks of the predictions; each example's target is its bin's positive rate.</summary>
    EqualMassBins,

    /// <summary>
    /// A Gaussian-kernel window over the predictions: target_i = sum_j K(p_i - p_j) y_j / sum_j K(p_i - p_j) with
    /// K(d) = exp(-d^2 / (2 sigma^2)), truncated at 4 sigma.
    /// </summary>
    GaussianKernel,
}
