using Microsoft.ML;
using MLNetExtensions.Distillation.Trainers;

namespace MLNetExtensions.Distillation;

/// <summary>Knowledge distillation into a small Torch MLP: <c>mlContext.Distillation()</c>.</summary>
public sealed partial class DistillationCatalog
{
    internal DistillationCatalog(MLContext mlContext)
    {
        MLContext = mlContext;
        Trainers = new DistillationTrainers(mlContext);
    }

    /// <summary>The context components run in.</summary>
    public MLContext MLContext { get; }

    /// <summary>The student trainers.</summary>
    public DistillationTrainers Trainers { get; }
}

/// <summary>The entry point of the distillation family.</summary>
public static class DistillationCatalogExtensions
{
    /// <summary>Knowledge distillation trainers and the distillation report.</summary>
    public static DistillationCatalog Distillation(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new DistillationCatalog(mlContext);
    }
}
