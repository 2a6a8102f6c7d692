using Microsoft.ML;
using MLNetExtensions.Fairness.Metrics;

namespace MLNetExtensions.Fairness;

public sealed partial class FairnessCatalog
{
    /// <summary>
    /// A disaggregated fairness report of a binary classifier's predictions (the output of
    /// <c>mlContext.BinaryClassification.Trainers.*</c> and Transform), like Fairlearn's MetricFrame: metrics overall
    /// and by (intersectional) group, min, max, difference, ratio, demographic parity, equalized odds, equal
    /// opportunity, JSD, UF, dCov/dCor/CCdCov/JdCov.
    /// </summary>
    /// <param name="data">Scored data.</param>
    /// <param name="sensitiveColumnNames">One or more sensitive columns (number, Boolean, text or key); several = intersections.</param>
    /// <param name="labelColumnName">The label column (Boolean or 0/1 numbers).</param>
    /// <param name="predictedLabelColumnName">The predicted label column (Boolean or 0/1 numbers).</param>
    /// <param name="scoreColumnName">Optional score column: AUC, and the output of JSD, UF and distance statistics.</param>
    /// <param name="probabilityColumnName">Optional probability column: log loss.</param>
    public FairnessReport Evaluate(IDataView data, string[] sensitiveColumnNames, string labelColumnName = "Label",
        string predictedLabelColumnName = "PredictedLabel", string? scoreColumnName = null, string? probabilityColumnName = null) =>
        Evaluate(data, new FairnessEvaluationOptions
        {
            Task = FairnessTask.BinaryClassification,
            SensitiveColumnNames = sensitiveColumnNames,
            LabelColumnName = labelColumnName,
            PredictionColumnName = predictedLabelColumnName,
            ScoreColumnName = scoreColumnName,
            ProbabilityColumnName = probabilityColumnName,
        });

    /// <summary>
    /// A disaggregated fairness report of a regression model's predictions: MAE, MSE and mean prediction overall and
    /// by (intersectional) group, with JSD, UF and dCov/dCor/CCdCov/JdCov of the predictions and the attributes.
    /// </summary>
    /// <param name="data">Scored data.</param>
    /// <param name="sensitiveColumnNames">One or more sensitive columns (number, Boolean, text or key); several = intersections.</param>
    /// <param name="labelColumnName">The label column (numbers).</param>
    /// <param name="scoreColumnName">The predicted value (ML.NET's regression output "Score").</param>
    public FairnessReport EvaluateRegression(IDataView data, string[] sensitiveColumnNames, string labelColumnName = "Label",
        string scoreColumnName = "Score") =>
        Evaluate(data, new FairnessEvaluationOptions
        {
            Task = FairnessTask.Regression,
            SensitiveColumnNames = sensitiveColumnNames,
            LabelColumnName = labelColumnName,
            PredictionColumnName = scoreColumnName,
        });

    /// <summary>A fairness report with every option (task, columns, small groups, bootstrap, JSD, distance statistics).</summary>
    public FairnessReport Evaluate(IDataView data, FairnessEvaluationOptions options) => DataViewFairnessReader.Evaluate(data, options);
}
