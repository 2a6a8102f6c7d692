namespace MLNetExtensions.Fairness.Metrics.Distance;

/// <summary>dCov^2 and dCor of the model output and one attribute.</summary>
/// <param name="Attribute">The sensitive column.</param>
/// <param name="DCov">U-statistic dCov^2.</param>
/// <param name="DCovV">V-statistic dCov^2.</param>
/// <param name="DCor">Squared distance correlation from U-statistics.</param>
/// <param name="DCorV">Squared distance correlation from V-statistics.</param>
public sealed record AttributeDependence(string Attribute, double DCov, double DCovV, double DCor, double DCorV);
