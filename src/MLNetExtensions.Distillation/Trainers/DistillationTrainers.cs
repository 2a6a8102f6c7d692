using Microsoft.ML;
using MLNetExtensions.Trainers;

namespace MLNetExtensions.Distillation.Trainers;

/// <summary>Student trainers: <c>mlContext.Distillation().Trainers.BinaryStudent(teacher, ...)</c> and <c>MulticlassStudent</c>.</summary>
public sealed class DistillationTrainers
{
    private readonly MLContext _mlContext;

    internal DistillationTrainers(MLContext mlContext) => _mlContext = mlContext;

    /// <summary>
    /// A binary student (Boolean or 0/1 label) distilled from <paramref name="teacher"/>, with ML.NET's default column
    /// names. <paramref name="teacher"/> may be null only for <see cref="DistillationLoss.Plain"/>.
    /// </summary>
    public DistillationTrainer BinaryStudent(ITransformer? teacher, DistillationLoss loss = DistillationLoss.Kd, double temperature = 2, double alpha = 0.5,
        string labelColumnName = "Label", string featureColumnName = "Features", int[]? hiddenLayers = null, int numberOfEpochs = 20, int seed = 0) =>
        BinaryStudent(teacher, Flat(loss, temperature, alpha, labelColumnName, featureColumnName, hiddenLayers, numberOfEpochs, seed));

    /// <summary>A binary student from <paramref name="options"/>.</summary>
    public DistillationTrainer BinaryStudent(ITransformer? teacher, DistillationOptions options) =>
        new(_mlContext, MlpTask.BinaryClassification, teacher, options);

    /// <summary>
    /// A multiclass student (key label, e.g. from MapValueToKey; the teacher's Score must list the same classes in the
    /// same order) distilled from <paramref name="teacher"/>, with ML.NET's default column names.
    /// </summary>
    public DistillationTrainer MulticlassStudent(ITransformer? teacher, DistillationLoss loss = DistillationLoss.Kd, double temperature = 2, double alpha = 0.5,
        string labelColumnName = "Label", string featureColumnName = "Features", int[]? hiddenLayers = null, int numberOfEpochs = 20, int seed = 0) =>
        MulticlassStudent(teacher, Flat(loss, temperature, alpha, labelColumnName, featureColumnName, hiddenLayers, numberOfEpochs, seed));

    /// <summary>A multiclass student from <paramref name="options"/>.</summary>
    public DistillationTrainer MulticlassStudent(ITransformer? teacher, DistillationOptions options) =>
        new(_mlContext, MlpTask.MulticlassClassification, teacher, options);

    /// <summary>
    /// A binary student distilled from several frozen teachers with MTARD (PGD examples against the student, entropy-based
    /// temperature balance, normalisation loss balance): e.g. a clean LightGBM teacher on natural rows and a PGD-trained
    /// MLP teacher on adversarial rows.
    /// </summary>
    public MtardTrainer BinaryMultiTeacherStudent(IEnumerable<MtardTeacher> teachers, MtardOptions options) =>
        new(_mlContext, MlpTask.BinaryClassification, teachers, options);

    /// <summary>A multiclass MTARD student (key label; every teacher's classes in the label's order).</summary>
    public MtardTrainer MulticlassMultiTeacherStudent(IEnumerable<MtardTeacher> teachers, MtardOptions options) =>
        new(_mlContext, MlpTask.MulticlassClassification, teachers, options);

    /// <summary>PGD adversarial training of a binary Torch MLP (the robust teacher of MTARD; the plain adversarial-training baseline).</summary>
    public AdversarialTrainer BinaryAdversarial(AdversarialTrainingOptions options) =>
        new(_mlContext, MlpTask.BinaryClassification, options);

    /// <summary>PGD adversarial training of a multiclass Torch MLP.</summary>
    public AdversarialTrainer MulticlassAdversarial(AdversarialTrainingOptions options) =>
        new(_mlContext, MlpTask.MulticlassClassification, options);

    /// <summary>Online BD-KD for a binary task: a Torch teacher MLP trained jointly with the student.</summary>
    public OnlineDistillationTrainer BinaryOnlineStudent(OnlineDistillationOptions options) =>
        new(_mlContext, MlpTask.BinaryClassification, options);

    /// <summary>Online BD-KD for a multiclass task (key label).</summary>
    public OnlineDistillationTrainer MulticlassOnlineStudent(OnlineDistillationOptions options) =>
        new(_mlContext, MlpTask.MulticlassClassification, options);

    private static DistillationOptions Flat(DistillationLoss loss, double temperature, double alpha, string label, string features,
        int[]? hidden, int epochs, int seed) => new()
    {
        Loss = loss,
        Temperature = temperature,
        Alpha = alpha,
        Student = new TorchMlpOptions
        {
            LabelColumnName = label,
            FeatureColumnName = features,
            HiddenLayers = hidden ?? new[] { 64, 64 },
            NumberOfEpochs = epochs,
            Seed = seed,
        },
    };
}
