using Microsoft.ML;

namespace MLNetExtensions.Debiasing;

/// <summary>
/// Propensity debiasing for recommenders trained on Missing-Not-At-Random feedback: <c>mlContext.Debiasing()</c>.
/// Propensity estimators, debiased matrix-factorisation trainers (<see cref="Trainers"/>), evaluation and data.
/// </summary>
public sealed partial class DebiasingCatalog
{
    internal DebiasingCatalog(MLContext mlContext) => MLContext = mlContext;

    /// <summary>The context components run in.</summary>
    public MLContext MLContext { get; }
}

/// <summary>The entry point of the debiasing family.</summary>
public static class DebiasingCatalogExtensions
{
    /// <summary>Propensity estimators, debiased trainers and evaluation for recommenders.</summary>
    public static DebiasingCatalog Debiasing(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new DebiasingCatalog(mlContext);
    }
}
