namespace MLNetExtensions.Fairness.Online;

/// <summary>
/// One point of a prequential (test-then-train) evaluation: every row was predicted by the model before the model
/// learned from it. DP differences are max - min over the groups of the rate of predicted positives (null while fewer
/// than two groups have rows in the range).
/// </summary>
/// <param name="Rows">Rows seen so far.</param>
/// <param name="Accuracy">Cumulative accuracy over all rows so far.</param>
/// <param name="DemographicParityDifference">Cumulative DP difference over all rows so far.</param>
/// <param name="WindowAccuracy">Accuracy over the last <see cref="AranyaniOptions.WindowSize"/> rows.</param>
/// <param name="WindowDemographicParityDifference">DP difference over the last <see cref="AranyaniOptions.WindowSize"/> rows.</param>
/// <param name="LogLoss">Cumulative mean cross-entropy of the predicted probability.</param>
public sealed record PrequentialPoint(long Rows, double Accuracy, double? DemographicParityDifference, double WindowAccuracy,
    double? WindowDemographicParityDifference, double LogLoss);
