using MLNetExtensions.Calibration.Metrics;

namespace MLNetExtensions.Calibration.Calibrators;

/// <summary>One calibrator's result in a <see cref="CalibratorComparison"/>.</summary>
/// <param name="Calibrator">Display name ("Uncalibrated", "Temperature", ...).</param>
/// <param name="Parameters">The fitted parameters in words (e.g. "T = 2.31"), or "" when there are none to show.</param>
/// <param name="Metrics">Calibration metrics on the test data.</param>
public sealed record CalibratorComparisonRow(string Calibrator, string Parameters, BinaryCalibrationMetrics Metrics);
