using Microsoft.ML;

namespace MLNetExtensions.Trainers;

/// <summary>The entry point of the Torch trainers.</summary>
public static class TorchCatalogExtensions
{
    /// <summary>Torch trainers that honour <see cref="MLContext.GpuDeviceId"/> and <see cref="MLContext.FallbackToCpu"/>.</summary>
    public static TorchCatalog Torch(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new TorchCatalog(mlContext);
    }
}
