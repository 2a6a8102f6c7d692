namespace MLNetExtensions.Fairness.Penalties;

/// <summary>The fairness penalty R added to the task loss: <c>loss = task_loss + lambda * R(output_batch, Z_batch)</c>.</summary>
public enum FairnessPenaltyKind
{
    /// <summary>No penalty: plain training.</summary>
    None,

    /// <summary>Squared distance covariance (U-statistic) between the output and ONE protected attribute.</summary>
    DistanceCovariance,

    /// <summary>
    /// Joint distance covariance JdCov^2 (Chakraborty and Zhang) of (output, Z1, Z2, ...): mutual independence.
    /// The terms among the attributes alone are a constant of the data; only the terms with the output move.
    /// </summary>
    JointDistanceCovariance,

    /// <summary>
    /// CCdCov: squared distance covariance (U-statistic) between the output and the concatenation [Z1 | Z2 | ...] of
    /// all protected attributes, so dependence on their intersections is penalised too.
    /// </summary>
    ConcatenatedDistanceCovariance,

    /// <summary>
    /// Demographic-parity gap: the largest minus the smallest mean output (probability for classification) over the
    /// intersectional groups present in the batch. Needs attributes that define groups (not continuous numbers).
    /// </summary>
    DemographicParityGap,
}
