using MLNetExtensions.Distillation.Adversarial;

namespace MLNetExtensions.Distillation.Reporting;

/// <summary>Options of <see cref="DistillationCatalog.Compare"/>.</summary>
public sealed class DistillationReportOptions
{
    /// <summary>Label of the test data: Boolean/0-1 (binary, Probability is evaluated) or key (multiclass, Score is evaluated). Default "Label".</summary>
    public string LabelColumnName = "Label";

    /// <summary>Equal-width bins of the ECE. Default 15.</summary>
    public int NumberOfBins = 15;

    /// <summary>Timed batched-Transform passes per model after one warm-up pass; the fastest counts. Default 3.</summary>
    public int LatencyRuns = 3;

    /// <summary>
    /// When set, every model ending in a Torch MLP classifier also gets its robust accuracy under this PGD attack
    /// (crafted against that model, with the true labels; e.g. <c>new PgdOptions { Epsilon = 0.25, StepSize = 0.0625 }.WithSteps(20)</c>
    /// for PGD-20). Default null: no attack, robust accuracy null.
    /// </summary>
    public PgdOptions? Attack;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(LabelColumnName))
            throw new ArgumentOutOfRangeException(nameof(LabelColumnName), LabelColumnName, "DistillationReportOptions.LabelColumnName must name a column.");
        if (NumberOfBins < 1)
            throw new ArgumentOutOfRangeException(nameof(NumberOfBins), NumberOfBins, "DistillationReportOptions.NumberOfBins must be positive.");
        if (LatencyRuns < 1)
            throw new ArgumentOutOfRangeException(nameof(LatencyRuns), LatencyRuns, "DistillationReportOptions.LatencyRuns must be positive.");
        Attack?.Validate();
    }
}
