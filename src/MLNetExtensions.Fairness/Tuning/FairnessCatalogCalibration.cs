using Microsoft.ML;
using MLNetExtensions.Fairness.Trainers;
using MLNetExtensions.Fairness.Tuning;
using MLNetExtensions.Trainers;

namespace MLNetExtensions.Fairness;

public sealed partial class FairnessCatalog
{
    /// <summary>
    /// Calibrates the fairness penalty's lambda of a binary classifier: trains <paramref name="trainerOptions"/> once
    /// per (lambda, seed) of <paramref name="options"/> on <paramref name="trainData"/>, measures accuracy/AUC and the
    /// fairness report (DP difference, JSD, UF, dCov) on <paramref name="validationData"/>, and returns the trade-off
    /// table, its Pareto frontier and the lambda chosen by the stated rule.
    /// </summary>
    public LambdaCalibrationResult CalibrateBinaryLambda(FairTrainerOptions trainerOptions, IDataView trainData, IDataView validationData,
        LambdaCalibrationOptions? options = null) =>
        LambdaCalibrator.Run(MLContext, MlpTask.BinaryClassification, trainerOptions, trainData, validationData, options);

    /// <summary>As <see cref="CalibrateBinaryLambda"/> for a regressor (MSE vs JSD, UF and dCov of the predictions).</summary>
    public LambdaCalibrationResult CalibrateRegressionLambda(FairTrainerOptions trainerOptions, IDataView trainData, IDataView validationData,
        LambdaCalibrationOptions? options = null) =>
        LambdaCalibrator.Run(MLContext, MlpTask.Regression, trainerOptions, trainData, validationData, options);
}
