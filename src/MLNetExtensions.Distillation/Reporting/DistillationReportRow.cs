namespace MLNetExtensions.Distillation.Reporting;

/// <summary>One model's figures on the held-out data.</summary>
/// <param name="Model">Display name.</param>
/// <param name="Role">"teacher", "student", ...</param>
/// <param name="Count">Test rows.</param>
/// <param name="Accuracy">Accuracy (binary: P(y = 1) &gt;= 0.5; multiclass: argmax).</param>
/// <param name="LogLoss">Natural-log loss, probabilities clipped to [1e-15, 1 - 1e-15].</param>
/// <param name="Ece">Expected calibration error, equal-width bins (binary: of P(y = 1); multiclass: top-label).</param>
/// <param name="Brier">Brier score (binary in [0, 1]; multiclass summed over classes, in [0, 2]).</param>
/// <param name="Parameters">Trainable parameters of the Torch networks in the model; null for models without one (tree ensembles).</param>
/// <param name="ModelBytes">Size of the saved model: <c>SaveWithExtensions</c> for models holding our components, else <c>mlContext.Model.Save</c>.</param>
/// <param name="LatencyMicrosecondsPerRow">Batched Transform time per row (fastest pass), microseconds.</param>
/// <param name="RowsPerSecond">Rows per second of the same pass.</param>
/// <param name="RobustAccuracy">
/// Accuracy under <see cref="DistillationReportOptions.Attack"/> (PGD crafted against the model itself) when an attack
/// is set and the model ends in a Torch MLP classifier; null otherwise (tree ensembles have no input gradient).
/// </param>
public sealed record DistillationReportRow(
    string Model, string Role, long Count, double Accuracy, double LogLoss, double Ece, double Brier,
    long? Parameters, long ModelBytes, double LatencyMicrosecondsPerRow, double RowsPerSecond, double? RobustAccuracy = null);
