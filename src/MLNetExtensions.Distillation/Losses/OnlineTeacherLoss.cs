using MLNetExtensions.Distillation.Trainers;
using static TorchSharp.torch;

namespace MLNetExtensions.Distillation.Losses;

/// <summary>
/// The teacher's loss in online BD-KD: L_T,i = CE(y_i, p_t,i) + gamma T^2 KL(p_s,i^T || p_t,i^T) (or KL(p_t^T || p_s^T)
/// with <see cref="OnlineTeacherDivergence.TeacherToStudent"/>). The student's logits are detached here: the teacher's
/// regulariser moves the teacher toward the student, never the student.
/// </summary>
public sealed class OnlineTeacherLoss
{
    /// <summary>Creates the loss.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Temperature not positive, or gamma negative or not finite.</exception>
    public OnlineTeacherLoss(double temperature, double gamma, OnlineTeacherDivergence divergence)
    {
        TemperedDistributions.CheckTemperature(temperature);
        if (!(gamma >= 0) || !double.IsFinite(gamma))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Gamma must be non-negative and finite.");
        if (!Enum.IsDefined(divergence))
            throw new ArgumentOutOfRangeException(nameof(divergence), divergence, "Unknown divergence direction.");
        Temperature = temperature;
        Gamma = gamma;
        Divergence = divergence;
    }

    /// <summary>Softmax temperature T of the KL term.</summary>
    public double Temperature { get; }

    /// <summary>Weight gamma of the KL term.</summary>
    public double Gamma { get; }

    /// <summary>Direction of the KL term.</summary>
    public OnlineTeacherDivergence Divergence { get; }

    /// <summary>Per-sample loss [N] of teacher logits [N, K] (with gradient) against student logits [N, K] and labels [N].</summary>
    public Tensor PerSample(Tensor teacherLogits, Tensor studentLogits, Tensor labels)
    {
        TemperedDistributions.CheckShapes(studentLogits, teacherLogits);
        using var scope = NewDisposeScope();
        var student = studentLogits.detach();
        var ce = TemperedDistributions.CrossEntropy(teacherLogits, labels);
        var kl = Divergence == OnlineTeacherDivergence.StudentToTeacher
            ? TemperedDistributions.KlDivergence(student, teacherLogits, Temperature)
            : TemperedDistributions.KlDivergence(teacherLogits, student, Temperature);
        return (ce + Gamma * Temperature * Temperature * kl).MoveToOuterDisposeScope();
    }
}
