using Microsoft.ML;

namespace MLNetExtensions.Distillation.Reporting;

/// <summary>A model to put in a <see cref="DistillationReport"/>.</summary>
/// <param name="Name">Display name ("LightGBM teacher", "kd", ...).</param>
/// <param name="Role">What it is in the comparison: "teacher" or "student" (free text; shown as given).</param>
/// <param name="Model">The fitted model; it must add Score (and Probability for binary tasks) to the test data.</param>
public sealed record DistillationModel(string Name, string Role, ITransformer Model);
