using MLNetExtensions.Trainers;

namespace MLNetExtensions.Distillation.Trainers;

/// <summary>Options of <see cref="OnlineDistillationTrainer"/>: online BD-KD, a Torch teacher MLP trained jointly with the student.</summary>
public sealed class OnlineDistillationOptions
{
    /// <summary>The student MLP; its columns, epochs, batch size, data mode and validation settings drive the joint training. Default 64-64.</summary>
    public TorchMlpOptions Student = new();

    /// <summary>
    /// The teacher MLP: its hidden layers, activation, dropout, optimiser, learning rate, weight decay and seed are used;
    /// columns, epochs and batch size come from <see cref="Student"/>. Default 128-128.
    /// </summary>
    public TorchMlpOptions Teacher = new() { HiddenLayers = new[] { 128, 128 } };

    /// <summary>Softmax temperature T of the soft terms. Default 2.</summary>
    public double Temperature = 2;

    /// <summary>Student: weight alpha of the balanced divergence term (<see cref="Losses.BdKdLoss"/>), non-negative. Default 0.5.</summary>
    public double Alpha = 0.5;

    /// <summary>Student: slope of the sigmoid gate on the entropy gap. Default 1.</summary>
    public double Kappa = 1;

    /// <summary>Student: hard gate on the sign of the entropy gap instead of the sigmoid. Default false.</summary>
    public bool HardGate;

    /// <summary>Teacher: weight gamma of its KL term, L_T = CE(y, p_t) + gamma T^2 KL(...), non-negative. Default 0.5.</summary>
    public double Gamma = 0.5;

    /// <summary>Teacher: direction of its KL term. Default KL(p_s || p_t).</summary>
    public OnlineTeacherDivergence TeacherDivergence = OnlineTeacherDivergence.StudentToTeacher;

    /// <summary>A copy (nested options cloned).</summary>
    public OnlineDistillationOptions Clone()
    {
        var copy = (OnlineDistillationOptions)MemberwiseClone();
        copy.Student = Student.Clone();
        copy.Teacher = Teacher.Clone();
        return copy;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, object? value, string rule) => OptionChecks.Require(ok, nameof(OnlineDistillationOptions), name, value, rule);
        Check(Student is not null, nameof(Student), null, "must be set");
        Check(Teacher is not null, nameof(Teacher), null, "must be set");
        Student!.Validate();
        Teacher!.Validate();
        Check(Temperature > 0 && double.IsFinite(Temperature), nameof(Temperature), Temperature, "must be positive and finite");
        Check(Alpha >= 0 && double.IsFinite(Alpha), nameof(Alpha), Alpha, "must be non-negative and finite");
        Check(Kappa >= 0 && double.IsFinite(Kappa), nameof(Kappa), Kappa, "must be non-negative and finite");
        Check(Gamma >= 0 && double.IsFinite(Gamma), nameof(Gamma), Gamma, "must be non-negative and finite");
        Check(Enum.IsDefined(TeacherDivergence), nameof(TeacherDivergence), TeacherDivergence, "is not a known direction");
    }
}
