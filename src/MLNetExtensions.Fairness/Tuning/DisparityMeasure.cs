namespace MLNetExtensions.Fairness.Tuning;

/// <summary>The disparity a lambda calibration minimises (all measured on validation data by <c>mlContext.Fairness().Evaluate</c>).</summary>
public enum DisparityMeasure
{
    /// <summary>Demographic-parity difference: max - min selection rate over the (intersectional) groups. Classification only.</summary>
    DemographicParityDifference,

    /// <summary>Generalised Jensen-Shannon divergence of the output's distributions across the (intersectional) groups.</summary>
    Jsd,

    /// <summary>UF = Var(E[output | group]) / Var(output).</summary>
    Uf,

    /// <summary>dCov^2 (U-statistic) of the output and the sensitive columns (one as is, several concatenated: CCdCov).</summary>
    DistanceCovariance,

    /// <summary>Equalized-odds difference (worst case): max of the TPR and FPR differences over the groups. Classification only.</summary>
    EqualizedOddsDifference,
}
