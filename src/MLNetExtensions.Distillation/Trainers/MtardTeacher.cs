using Microsoft.ML;

namespace MLNetExtensions.Distillation.Trainers;

/// <summary>One teacher of an MTARD student: a fitted model (never modified) and the input its term uses.</summary>
/// <param name="Name">Display name (in errors and the balance history).</param>
/// <param name="Model">Any fitted classifier with a score or probability output (LightGBM, FastTree, a Torch MLP, ...).</param>
/// <param name="Input">Natural (clean rows, cached) or Adversarial (PGD rows against the student, queried per batch).</param>
public sealed record MtardTeacher(string Name, ITransformer Model, MtardInput Input);
