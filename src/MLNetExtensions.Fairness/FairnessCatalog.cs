using Microsoft.ML;
using MLNetExtensions.Fairness.Trainers;

namespace MLNetExtensions.Fairness;

/// <summary>
/// Fairness metrics and fairness-regularised trainers: <c>mlContext.Fairness()</c>.
/// The evaluation methods live in <c>Metrics/FairnessCatalogEvaluation.cs</c>, the lambda calibration in
/// <c>Calibration/FairnessCatalogCalibration.cs</c>.
/// </summary>
public sealed partial class FairnessCatalog
{
    internal FairnessCatalog(MLContext mlContext)
    {
        MLContext = mlContext;
        Trainers = new FairnessTrainers(mlContext);
    }

    /// <summary>The fairness-regularised trainers (binary, regression, multiclass).</summary>
    public FairnessTrainers Trainers { get; }

    /// <summary>The context components run in.</summary>
    public MLContext MLContext { get; }
}

/// <summary>The entry point of the fairness family.</summary>
public static class FairnessCatalogExtensions
{
    /// <summary>Fairness metrics (disaggregated group reports, distance-covariance dependence) and fairness-regularised trainers.</summary>
    public static FairnessCatalog Fairness(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new FairnessCatalog(mlContext);
    }
}
