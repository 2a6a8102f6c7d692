namespace MLNetExtensions.Distillation.Trainers;

/// <summary>Direction of the KL that ties the jointly trained teacher to the student in online BD-KD.</summary>
public enum OnlineTeacherDivergence
{
    /// <summary>KL(p_s^T || p_t^T) (the specification's default, the "reverse-KL regulariser" of the teacher).</summary>
    StudentToTeacher,

    /// <summary>KL(p_t^T || p_s^T).</summary>
    TeacherToStudent,
}
