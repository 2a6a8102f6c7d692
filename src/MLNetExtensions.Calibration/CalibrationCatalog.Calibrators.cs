using Microsoft.ML;
using MLNetExtensions.Calibration.Calibrators;
using MLNetExtensions.Trainers;

namespace MLNetExtensions.Calibration;

public sealed partial class CalibrationCatalog
{
    private CalibratorsCatalog? _calibrators;

    /// <summary>Calibrators that chain after a scorer: <c>mlContext.Calibration().Calibrators.Temperature()</c> and siblings.</summary>
    public CalibratorsCatalog Calibrators => _calibrators ??= new CalibratorsCatalog(MLContext);

    /// <summary>
    /// Calibrator estimators. Binary ones read a float score (logit/margin, or a probability) and write
    /// "Probability" and "PredictedLabel"; multiclass ones read the "Score" vector and write calibrated
    /// probabilities over it. Every fitted calibrator saves with <c>mlContext.Model.SaveWithExtensions</c>.
    /// </summary>
    public sealed class CalibratorsCatalog
    {
        internal CalibratorsCatalog(MLContext mlContext) => MLContext = mlContext;

        /// <summary>The context estimators run in.</summary>
        public MLContext MLContext { get; }

        /// <summary>Binary temperature scaling, sigmoid(z / T), on a logit/margin score column.</summary>
        public TemperatureScalingEstimator Temperature(string labelColumnName = "Label", string scoreColumnName = "Score") =>
            Temperature(new BinaryCalibratorOptions { LabelColumnName = labelColumnName, ScoreColumnName = scoreColumnName });

        /// <summary>Binary temperature scaling with explicit columns.</summary>
        public TemperatureScalingEstimator Temperature(BinaryCalibratorOptions options) => new(MLContext, Require(options));

        /// <summary>Beta calibration, sigmoid(a ln p - b ln(1 - p) + c), on a logit/margin score column.</summary>
        public BetaCalibrationEstimator Beta(string labelColumnName = "Label", string scoreColumnName = "Score") =>
            Beta(new BinaryCalibratorOptions { LabelColumnName = labelColumnName, ScoreColumnName = scoreColumnName });

        /// <summary>Beta calibration with explicit columns.</summary>
        public BetaCalibrationEstimator Beta(BinaryCalibratorOptions options) => new(MLContext, Require(options));

        /// <summary>Equal-mass histogram binning (default 15 bins, no smoothing) on a score column.</summary>
        public HistogramBinningEstimator HistogramBinning(string labelColumnName = "Label", string scoreColumnName = "Score", int numberOfBins = 15) =>
            HistogramBinning(new HistogramBinningOptions { LabelColumnName = labelColumnName, ScoreColumnName = scoreColumnName, NumberOfBins = numberOfBins });

        /// <summary>Equal-mass histogram binning with explicit options.</summary>
        public HistogramBinningEstimator HistogramBinning(HistogramBinningOptions options) =>
            new(MLContext, Require(options));

        /// <summary>Multiclass temperature scaling, softmax(z / T), on the "Score" vector (probabilities by default).</summary>
        public MulticlassTemperatureScalingEstimator MulticlassTemperature(string labelColumnName = "Label", string scoreColumnName = "Score") =>
            MulticlassTemperature(new MulticlassCalibratorOptions { LabelColumnName = labelColumnName, ScoreColumnName = scoreColumnName });

        /// <summary>Multiclass temperature scaling with explicit options.</summary>
        public MulticlassTemperatureScalingEstimator MulticlassTemperature(MulticlassCalibratorOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            return new(MLContext, options);
        }

        /// <summary>Vector scaling, softmax(a ∘ z + b), on the "Score" vector (probabilities by default).</summary>
        public VectorScalingEstimator VectorScaling(string labelColumnName = "Label", string scoreColumnName = "Score") =>
            VectorScaling(new MulticlassCalibratorOptions { LabelColumnName = labelColumnName, ScoreColumnName = scoreColumnName });

        /// <summary>Vector scaling with explicit options.</summary>
        public VectorScalingEstimator VectorScaling(MulticlassCalibratorOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            return new(MLContext, options);
        }

        /// <summary>Matrix scaling, softmax(W z + b), on the "Score" vector (probabilities by default); for a handful of classes.</summary>
        public MatrixScalingEstimator MatrixScaling(string labelColumnName = "Label", string scoreColumnName = "Score") =>
            MatrixScaling(new MulticlassCalibratorOptions { LabelColumnName = labelColumnName, ScoreColumnName = scoreColumnName });

        /// <summary>Matrix scaling with explicit options.</summary>
        public MatrixScalingEstimator MatrixScaling(MulticlassCalibratorOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            return new(MLContext, options);
        }

        /// <summary>Classwise (one-vs-rest) equal-mass histogram binning of the "Score" vector, renormalised (default 15 bins per class).</summary>
        public ClasswiseHistogramBinningEstimator ClasswiseHistogramBinning(string labelColumnName = "Label", string scoreColumnName = "Score", int numberOfBins = 15) =>
            ClasswiseHistogramBinning(new ClasswiseHistogramBinningOptions { LabelColumnName = labelColumnName, ScoreColumnName = scoreColumnName, NumberOfBins = numberOfBins });

        /// <summary>Classwise histogram binning with explicit options.</summary>
        public ClasswiseHistogramBinningEstimator ClasswiseHistogramBinning(ClasswiseHistogramBinningOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            return new(MLContext, options);
        }

        /// <summary>
        /// CaPE fine-tuning of a fitted binary Torch MLP (<c>mlContext.Torch().MlpBinaryClassifier</c>): Fit takes the
        /// training data and returns a calibrated copy of the model.
        /// </summary>
        public CapeEstimator CaPE(TorchMlpTransformer model, CapeOptions? options = null) => new(model, options ?? new CapeOptions());

        private static T Require<T>(T options) where T : class
        {
            ArgumentNullException.ThrowIfNull(options);
            return options;
        }
    }
}
