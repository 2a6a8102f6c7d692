namespace MLNetExtensions.Distillation.Trainers;

/// <summary>Which loss trains the student.</summary>
public enum DistillationLoss
{
    /// <summary>
    /// No teacher: Core's MLP trained on the hard labels alone (the baseline every report compares with); a teacher,
    /// if given, is not queried.
    /// </summary>
    Plain,

    /// <summary>Hinton knowledge distillation (<see cref="Losses.HintonKdLoss"/>).</summary>
    Kd,

    /// <summary>Reverse-KL distillation (<see cref="Losses.ReverseKlLoss"/>).</summary>
    ReverseKl,

    /// <summary>Entropy-gap-balanced forward/reverse KL, offline (<see cref="Losses.BdKdLoss"/>).</summary>
    BdKd,
}
