using MLNetExtensions.Distillation.Losses;
using MLNetExtensions.Trainers;

namespace MLNetExtensions.Distillation.Trainers;

/// <summary>Options of the distillation trainers: the student MLP, the loss and how the teacher's outputs are read.</summary>
public sealed class DistillationOptions
{
    /// <summary>
    /// The student: a Torch MLP with these options (feature and label columns, hidden layers, epochs, seed, ...).
    /// Default: <see cref="TorchMlpOptions"/>'s defaults ("Features", "Label", 64-64 ReLU, 20 epochs).
    /// </summary>
    public TorchMlpOptions Student = new();

    /// <summary>The loss. Default <see cref="DistillationLoss.Kd"/>.</summary>
    public DistillationLoss Loss = DistillationLoss.Kd;

    /// <summary>Softmax temperature T of the soft terms (T &gt; 0). Default 2.</summary>
    public double Temperature = 2;

    /// <summary>
    /// Weight of the soft term: in [0, 1] for <see cref="DistillationLoss.Kd"/> and <see cref="DistillationLoss.ReverseKl"/>
    /// ((1 - alpha) CE + alpha T^2 KL); any non-negative value for <see cref="DistillationLoss.BdKd"/> (CE + alpha T^2 ...).
    /// Default 0.5.
    /// </summary>
    public double Alpha = 0.5;

    /// <summary>BD-KD: slope of the sigmoid gate on the entropy gap (non-negative). Default 1.</summary>
    public double Kappa = 1;

    /// <summary>BD-KD: w_r = 1[H(p_s^T) &gt; H(p_t^T)] (the sign of the entropy gap) instead of the sigmoid. Default false.</summary>
    public bool HardGate;

    /// <summary>Teacher output read as a logit (binary) or class probabilities (multiclass). Default "Score".</summary>
    public string TeacherScoreColumnName = "Score";

    /// <summary>Teacher's binary P(y = 1), preferred over the score when present. Default "Probability".</summary>
    public string TeacherProbabilityColumnName = "Probability";

    /// <summary>
    /// Probabilities are clipped to [eps, 1 - eps] before the log (a tree ensemble may output exactly 0 or 1). Default 1e-6,
    /// i.e. teacher logits within about ±13.8.
    /// </summary>
    public double TeacherProbabilityClip = 1e-6;

    /// <summary>A copy (the student options cloned too) so a trainer never sees later edits.</summary>
    public DistillationOptions Clone()
    {
        var copy = (DistillationOptions)MemberwiseClone();
        copy.Student = Student.Clone();
        return copy;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, object? value, string rule) => OptionChecks.Require(ok, nameof(DistillationOptions), name, value, rule);
        Check(Student is not null, nameof(Student), null, "must be set");
        Student!.Validate();
        Check(Enum.IsDefined(Loss), nameof(Loss), Loss, "is not a known loss");
        Check(Temperature > 0 && double.IsFinite(Temperature), nameof(Temperature), Temperature, "must be positive and finite");
        Check(Loss == DistillationLoss.BdKd ? Alpha >= 0 && double.IsFinite(Alpha) : Alpha >= 0 && Alpha <= 1, nameof(Alpha), Alpha,
            Loss == DistillationLoss.BdKd ? "must be non-negative and finite for BdKd" : "must be in [0, 1]");
        Check(Kappa >= 0 && double.IsFinite(Kappa), nameof(Kappa), Kappa, "must be non-negative and finite");
        Check(!string.IsNullOrWhiteSpace(TeacherScoreColumnName), nameof(TeacherScoreColumnName), TeacherScoreColumnName, "must name a column");
        Check(!string.IsNullOrWhiteSpace(TeacherProbabilityColumnName), nameof(TeacherProbabilityColumnName), TeacherProbabilityColumnName, "must name a column");
        Check(TeacherProbabilityClip > 0 && TeacherProbabilityClip < 0.5, nameof(TeacherProbabilityClip), TeacherProbabilityClip, "must be in (0, 0.5)");
    }

    /// <summary>The loss object for <see cref="Loss"/>; null for <see cref="DistillationLoss.Plain"/>.</summary>
    public IDistillationLoss? CreateLoss() => Loss switch
    {
        DistillationLoss.Plain => null,
        DistillationLoss.Kd => new HintonKdLoss(Temperature, Alpha),
        DistillationLoss.ReverseKl => new ReverseKlLoss(Temperature, Alpha),
        DistillationLoss.BdKd => new BdKdLoss(Temperature, Alpha, Kappa, HardGate),
        _ => throw new ArgumentOutOfRangeException(nameof(Loss), Loss, "DistillationOptions.Loss is not a known loss."),
    };
}
