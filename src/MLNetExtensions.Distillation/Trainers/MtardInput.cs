namespace MLNetExtensions.Distillation.Trainers;

/// <summary>Which input an MTARD teacher term compares teacher and student on.</summary>
public enum MtardInput
{
    /// <summary>The clean rows x: KL(T(x) || S(x)). The teacher's outputs are queried once and cached (the clean/accurate teacher).</summary>
    Natural,

    /// <summary>
    /// PGD examples x' crafted against the student: KL(T(x') || S(x')). The teacher is queried on every batch (the
    /// robust teacher). A Torch MLP teacher is run directly; any other teacher through <c>Transform</c> on the
    /// perturbed feature vectors, so it must read the student's feature column.
    /// </summary>
    Adversarial,
}
