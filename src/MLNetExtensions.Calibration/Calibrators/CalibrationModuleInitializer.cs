using System.Runtime.CompilerServices;
using MLNetExtensions.Persistence;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>Registers the calibrators' component kinds when the assembly loads.</summary>
internal static class CalibrationModuleInitializer
{
    // A module initialiser (not a static constructor) because ComponentRegistry loads this assembly by its fixed
    // name and runs the module constructor when it meets an unknown kind in a model file.
#pragma warning disable CA2255 // deliberate: registration must happen before any calibrator type is touched
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        ComponentRegistry.Register(CalibratorKinds.Temperature, TemperatureScalingTransformer.Load);
        ComponentRegistry.Register(CalibratorKinds.Beta, BetaCalibrationTransformer.Load);
        ComponentRegistry.Register(CalibratorKinds.HistogramBinning, HistogramBinningTransformer.Load);
        ComponentRegistry.Register(CalibratorKinds.MulticlassTemperature, MulticlassTemperatureScalingTransformer.Load);
        ComponentRegistry.Register(CalibratorKinds.VectorScaling, VectorScalingTransformer.Load);
        ComponentRegistry.Register(CalibratorKinds.MatrixScaling, MatrixScalingTransformer.Load);
        ComponentRegistry.Register(CalibratorKinds.ClasswiseHistogramBinning, ClasswiseHistogramBinningTransformer.Load);
    }
}
