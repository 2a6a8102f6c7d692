using Microsoft.ML;

namespace MLNetExtensions.Calibration;

/// <summary>
/// Calibration metrics, reliability diagrams and calibrators: <c>mlContext.Calibration()</c>.
/// </summary>
public sealed partial class CalibrationCatalog
{
    internal CalibrationCatalog(MLContext mlContext) => MLContext = mlContext;

    /// <summary>The context components run in.</summary>
    public MLContext MLContext { get; }
}

/// <summary>The entry point of the calibration family.</summary>
public static class CalibrationCatalogExtensions
{
    /// <summary>Calibration metrics, reliability diagrams and calibrators.</summary>
    public static CalibrationCatalog Calibration(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new CalibrationCatalog(mlContext);
    }
}
