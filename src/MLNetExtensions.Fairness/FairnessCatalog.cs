using Microsoft.ML;

namespace MLNetExtensions.Fairness;

/// <summary>
/// Fairness metrics (and, later, fairness-regularised trainers): <c>mlContext.Fairness()</c>.
/// The evaluation methods live in <c>Metrics/FairnessCatalogEvaluation.cs</c>.
/// </summary>
public sealed partial class FairnessCatalog
{
    internal FairnessCatalog(MLContext mlContext) => MLContext = mlContext;

    /// <summary>The context components run in.</summary>
    public MLContext MLContext { get; }
}

/// <summary>The entry point of the fairness family.</summary>
public static class FairnessCatalogExtensions
{
    /// <summary>Fairness metrics: disaggregated group reports and distance-covariance dependence measures.</summary>
    public static FairnessCatalog Fairness(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new FairnessCatalog(mlContext);
    }
}
