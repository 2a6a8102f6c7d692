using MLNetExtensions.Distillation.Adversarial;
using MLNetExtensions.Trainers;

namespace MLNetExtensions.Distillation.Trainers;

/// <summary>Options of <see cref="MtardTrainer"/> (multi-teacher adversarial robust distillation, Zhao et al.).</summary>
public sealed class MtardOptions
{
    /// <summary>The student MLP. Default <see cref="TorchMlpOptions"/>'s defaults.</summary>
    public TorchMlpOptions Student = new();

    /// <summary>The PGD attack crafted against the student each batch (MTARD: 10 steps). Default <see cref="PgdOptions"/>'s.</summary>
    public PgdOptions Attack = new();

    /// <summary>Entropy-based temperature balance on (B-MTARD). Default true.</summary>
    public bool BalanceTemperatures = true;

    /// <summary>Step eta_tau of the temperature balance (the paper's 1e-3 is for hundreds of epochs; raise it for short runs). Default 1e-3.</summary>
    public double TemperatureLearningRate = 1e-3;

    /// <summary>Lowest teacher temperature. Default 1.</summary>
    public double MinTemperature = 1;

    /// <summary>Highest teacher temperature. Default 10.</summary>
    public double MaxTemperature = 10;

    /// <summary>Normalisation loss balance of the teacher weights on. Default true (off: the weights stay 1/N).</summary>
    public bool BalanceWeights = true;

    /// <summary>Step eta_w of the weight balance. Default 0.025 (MTARD's).</summary>
    public double WeightLearningRate = 0.025;

    /// <summary>Teacher output read as a logit (binary) or class probabilities (multiclass). Default "Score".</summary>
    public string TeacherScoreColumnName = "Score";

    /// <summary>Teacher's binary P(y = 1), preferred over the score when present. Default "Probability".</summary>
    public string TeacherProbabilityColumnName = "Probability";

    /// <summary>Teacher probabilities are clipped to [eps, 1 - eps] before the log. Default 1e-6.</summary>
    public double TeacherProbabilityClip = 1e-6;

    /// <summary>A copy (nested options cloned).</summary>
    public MtardOptions Clone()
    {
        var copy = (MtardOptions)MemberwiseClone();
        copy.Student = Student.Clone();
        copy.Attack = Attack.Clone();
        return copy;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, object? value, string rule) => OptionChecks.Require(ok, nameof(MtardOptions), name, value, rule);
        Check(Student is not null, nameof(Student), null, "must be set");
        Check(Attack is not null, nameof(Attack), null, "must be set");
        Student!.Validate();
        Attack!.Validate();
        Check(TemperatureLearningRate >= 0 && double.IsFinite(TemperatureLearningRate), nameof(TemperatureLearningRate), TemperatureLearningRate, "must be non-negative and finite");
        Check(MinTemperature > 0 && double.IsFinite(MinTemperature), nameof(MinTemperature), MinTemperature, "must be positive and finite");
        Check(MaxTemperature >= MinTemperature && double.IsFinite(MaxTemperature), nameof(MaxTemperature), MaxTemperature, "must be finite and at least MinTemperature");
        Check(WeightLearningRate >= 0 && WeightLearningRate <= 1, nameof(WeightLearningRate), WeightLearningRate, "must be in [0, 1]");
        Check(!string.IsNullOrWhiteSpace(TeacherScoreColumnName), nameof(TeacherScoreColumnName), TeacherScoreColumnName, "must name a column");
        Check(!string.IsNullOrWhiteSpace(TeacherProbabilityColumnName), nameof(TeacherProbabilityColumnName), TeacherProbabilityColumnName, "must name a column");
        Check(TeacherProbabilityClip > 0 && TeacherProbabilityClip < 0.5, nameof(TeacherProbabilityClip), TeacherProbabilityClip, "must be in (0, 0.5)");
    }

    /// <summary>The teacher-reading options in the form <see cref="Teachers.TeacherLogits"/> takes.</summary>
    internal DistillationOptions TeacherReading() => new()
    {
        Student = Student,
        TeacherScoreColumnName = TeacherScoreColumnName,
        TeacherProbabilityColumnName = TeacherProbabilityColumnName,
        TeacherProbabilityClip = TeacherProbabilityClip,
    };
}
