using Microsoft.ML;

namespace MLNetExtensions.Reinforcement;

/// <summary>Entropy-aware RL fine-tuning of Torch policies: <c>mlContext.Reinforcement()</c>.</summary>
public sealed partial class ReinforcementCatalog
{
    internal ReinforcementCatalog(MLContext mlContext)
    {
        MLContext = mlContext;
    }

    /// <summary>The context components run in.</summary>
    public MLContext MLContext { get; }
}

/// <summary>The entry point of the entropy-aware RL fine-tuning family.</summary>
public static class ReinforcementCatalogExtensions
{
    /// <summary>GRPO-style fine-tuning with entropy control (entropy bonus, Clip-Cov, KL-Cov, EMPG).</summary>
    public static ReinforcementCatalog Reinforcement(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new ReinforcementCatalog(mlContext);
    }
}
