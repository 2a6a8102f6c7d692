namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>Registry kinds of the calibrators (stable names written into model files).</summary>
public static class CalibratorKinds
{
    /// <summary>Binary temperature scaling.</summary>
    public const string Temperature = "MLNetExtensions.Calibration.Temperature";

    /// <summary>Beta calibration.</summary>
    public const string Beta = "MLNetExtensions.Calibration.Beta";

    /// <summary>Equal-mass histogram binning.</summary>
    public const string HistogramBinning = "MLNetExtensions.Calibration.HistogramBinning";

    /// <summary>Multiclass temperature scaling.</summary>
    public const string MulticlassTemperature = "MLNetExtensions.Calibration.MulticlassTemperature";

    /// <summary>Multiclass vector scaling.</summary>
    public const string VectorScaling = "MLNetExtensions.Calibration.VectorScaling";

    /// <summary>Multiclass matrix scaling.</summary>
    public const string MatrixScaling = "MLNetExtensions.Calibration.MatrixScaling";

    /// <summary>Classwise (one-vs-rest) histogram binning for multiclass.</summary>
    public const string ClasswiseHistogramBinning = "MLNetExtensions.Calibration.ClasswiseHistogramBinning";

    /// <summary>The format version every calibrator writes.</summary>
    internal const int FormatVersion = 1;
}
