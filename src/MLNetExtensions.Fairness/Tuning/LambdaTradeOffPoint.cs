using System.Globalization;

namespace MLNetExtensions.Fairness.Tuning;

/// <summary>One trained model of a lambda calibration (or a mean over seeds), measured on validation data.</summary>
/// <param name="Lambda">The penalty weight.</param>
/// <param name="Seed">The seed, or null for a mean over seeds.</param>
/// <param name="Task">The task metric (accuracy, AUC or MSE).</param>
/// <param name="DemographicParityDifference">Selection-rate difference over groups (null for regression).</param>
/// <param name="Jsd">Generalised JSD of the output across groups.</param>
/// <param name="Uf">UF of the output.</param>
/// <param name="DistanceCovariance">dCov^2 (U) of the output and the (concatenated) sensitive columns.</param>
public sealed record LambdaTradeOffPoint(double Lambda, int? Seed, double Task, double? DemographicParityDifference, double? Jsd, double? Uf, double? DistanceCovariance)
{
    /// <summary>The value of <paramref name="measure"/>, or null when undefined.</summary>
    public double? Disparity(DisparityMeasure measure) => measure switch
    {
        DisparityMeasure.DemographicParityDifference => DemographicParityDifference,
        DisparityMeasure.Jsd => Jsd,
        DisparityMeasure.Uf => Uf,
        DisparityMeasure.EqualizedOddsDifference => EqualizedOddsDifference,
        _ => DistanceCovariance,
    };

    /// <summary>Equalized-odds difference (worst case) over the groups (null for regression or when undefined).</summary>
    public double? EqualizedOddsDifference { get; init; }

    /// <summary>Accuracy (binary classification; null for regression), whichever task metric the calibration uses.</summary>
    public double? Accuracy { get; init; }

    /// <summary>AUC of the probability (binary classification; null for regression or a one-class validation set).</summary>
    public double? Auc { get; init; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"lambda {Lambda:G4}{(Seed is { } s ? $" seed {s}" : "")}: task {Task:F4}, DP {Format(DemographicParityDifference)}, EO {Format(EqualizedOddsDifference)}, JSD {Format(Jsd)}, UF {Format(Uf)}, dCov {Format(DistanceCovariance)}");

    internal static string Format(double? v) => v is { } x ? x.ToString("G4", CultureInfo.InvariantCulture) : "n/a";
}
