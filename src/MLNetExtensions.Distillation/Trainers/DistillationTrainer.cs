using Microsoft.ML;
using MLNetExtensions.Data;
using MLNetExtensions.Distillation.Losses;
using MLNetExtensions.Distillation.Teachers;
using MLNetExtensions.Trainers;
using static TorchSharp.torch;

namespace MLNetExtensions.Distillation.Trainers;

/// <summary>
/// Trains a small Torch MLP student on a fitted teacher's soft labels plus the hard labels, and returns the ordinary
/// <see cref="TorchMlpTransformer"/> (Score / Probability / PredictedLabel; evaluators, PredictionEngine and
/// <c>SaveWithExtensions</c> work unchanged). The teacher is any fitted <see cref="ITransformer"/> with a score or
/// probability output; it is queried once over the training (and validation) data and its outputs cached as
/// logits (<see cref="TeacherLogits"/>). Create it with <c>mlContext.Distillation().Trainers.BinaryStudent(...)</c>
/// or <c>MulticlassStudent(...)</c>.
/// </summary>
public sealed class DistillationTrainer : IEstimator<TorchMlpTransformer>
{
    /// <summary>Name of the column that carries the cached teacher logits into Core's trainer.</summary>
    public const string TeacherLogitsColumnName = "TeacherLogits";

    private readonly MLContext _mlContext;
    private readonly ITransformer? _teacher;
    private readonly DistillationOptions _options;

    internal DistillationTrainer(MLContext mlContext, MlpTask task, ITransformer? teacher, DistillationOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (teacher is null && options.Loss != DistillationLoss.Plain)
            throw new ArgumentNullException(nameof(teacher), $"DistillationOptions.Loss {options.Loss} needs a teacher; only Plain trains without one.");
        _mlContext = mlContext;
        Task = task;
        _teacher = teacher;
        _options = options.Clone();
    }

    /// <summary>Binary or multiclass classification.</summary>
    public MlpTask Task { get; }

    /// <summary>The options (a copy).</summary>
    public DistillationOptions Options => _options.Clone();

    /// <summary>Trains the student on <paramref name="input"/>.</summary>
    public TorchMlpTransformer Fit(IDataView input) => Fit(input, null);

    /// <summary>Trains on <paramref name="trainData"/>, validating (and early stopping on the distillation loss) on <paramref name="validationData"/>.</summary>
    public TorchMlpTransformer Fit(IDataView trainData, IDataView? validationData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var student = StudentTrainer();
        var loss = _options.CreateLoss();
        if (loss is null)
            return student.Fit(trainData, validationData);

        var train = WithTeacherLogits(trainData);
        var validation = validationData is null ? null : WithTeacherLogits(validationData);
        bool binary = Task == MlpTask.BinaryClassification;
        var custom = new MlpCustomLoss(new[] { TeacherLogitsColumnName }, (network, batch) =>
        {
            using var scope = NewDisposeScope();
            var studentLogits = network.forward(batch.Features);
            var teacherLogits = batch.Extras[0];
            if (binary)
            {
                studentLogits = BinaryLogits.ToTwoClass(studentLogits);
                teacherLogits = BinaryLogits.ToTwoClass(teacherLogits);
            }
            return batch.WeightedMean(loss.PerSample(studentLogits, teacherLogits, batch.Labels!)).MoveToOuterDisposeScope();
        });
        return student.WithLoss(custom).Fit(train, validation);
    }

    /// <summary>Checks the input like the student's trainer does (features, label) and adds the student's output columns.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => StudentTrainer().GetOutputSchema(inputSchema);

    private TorchMlpTrainer StudentTrainer() => Task == MlpTask.BinaryClassification
        ? _mlContext.Torch().MlpBinaryClassifier(_options.Student)
        : _mlContext.Torch().MlpMulticlassClassifier(_options.Student);

    private IDataView WithTeacherLogits(IDataView data)
    {
        int classCount = 0;
        DataViewSchema.Column? label = null;
        if (Task == MlpTask.MulticlassClassification)
        {
            label = ColumnInfo.Require(data.Schema, _options.Student.LabelColumnName, "Label");
            classCount = ColumnInfo.CheckLabel(label.Value, LabelKind.Multiclass);
        }
        var logits = TeacherLogits.Query(_teacher!, data, classCount, _options, label);
        return new CachedColumnDataView(data, TeacherLogitsColumnName, logits.Values, logits.Width);
    }
}
