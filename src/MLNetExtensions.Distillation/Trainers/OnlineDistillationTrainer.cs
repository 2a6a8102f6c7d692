using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Distillation.Losses;
using MLNetExtensions.Models;
using MLNetExtensions.Torch;
using MLNetExtensions.Trainers;
using MLNetExtensions.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Distillation.Trainers;

/// <summary>
/// Online BD-KD (Amara et al.): a Torch teacher MLP and the student MLP trained together on the same minibatches.
/// Each training batch: teacher logits z_t and student logits z_s on x; the teacher takes one optimiser step on
/// L_T = CE(y, p_t) + gamma T^2 KL(p_s^T || p_t^T) (<see cref="OnlineTeacherLoss"/>, student detached), then the student
/// on the BD-KD loss L_S = CE(y, p_s) + alpha T^2 mean[w_f KL(p_t^T || p_s^T) + w_r KL(p_s^T || p_t^T)]
/// (<see cref="BdKdLoss"/>) against the same z_t, detached: both use the batch's pre-step logits (a simultaneous
/// update). The teacher starts from its own seed with the student's input standardisation. Validation (and early
/// stopping) watch the student's loss with the teacher in evaluation mode; the teacher keeps its last weights.
/// Returns the student; the jointly trained teacher of the last <c>Fit</c> is <see cref="LastTeacher"/>.
/// </summary>
public sealed class OnlineDistillationTrainer : IEstimator<TorchMlpTransformer>
{
    private readonly MLContext _mlContext;
    private readonly OnlineDistillationOptions _options;

    internal OnlineDistillationTrainer(MLContext mlContext, MlpTask task, OnlineDistillationOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (task == MlpTask.Regression)
            throw new ArgumentException("Online distillation here is for classifiers.", nameof(task));
        _mlContext = mlContext;
        Task = task;
        _options = options.Clone();
    }

    /// <summary>Binary or multiclass classification.</summary>
    public MlpTask Task { get; }

    /// <summary>The options (a copy).</summary>
    public OnlineDistillationOptions Options => _options.Clone();

    /// <summary>The teacher trained jointly in the last <c>Fit</c> (an ordinary Torch MLP model); null before.</summary>
    public TorchMlpTransformer? LastTeacher { get; private set; }

    /// <summary>Teacher steps taken in the last <c>Fit</c>.</summary>
    public int LastTeacherSteps { get; private set; }

    /// <summary>Trains student and teacher on <paramref name="input"/>.</summary>
    public TorchMlpTransformer Fit(IDataView input) => Fit(input, null);

    /// <summary>Trains on <paramref name="trainData"/>, validating the student on <paramref name="validationData"/>.</summary>
    public TorchMlpTransformer Fit(IDataView trainData, IDataView? validationData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var o = _options;
        bool binary = Task == MlpTask.BinaryClassification;
        var featureColumn = ColumnInfo.Require(trainData.Schema, o.Student.FeatureColumnName, "Feature");
        int featureWidth = featureColumn.Type is VectorDataViewType { IsKnownSize: true } v ? v.Size : 1;
        var labelColumn = ColumnInfo.Require(trainData.Schema, o.Student.LabelColumnName, "Label");
        int outputSize = binary ? 1 : ColumnInfo.CheckLabel(labelColumn, LabelKind.Multiclass);
        var device = TorchDevice.Select(_mlContext);
        var studentLoss = new BdKdLoss(o.Temperature, o.Alpha, o.Kappa, o.HardGate);
        var teacherLoss = new OnlineTeacherLoss(o.Temperature, o.Gamma, o.TeacherDivergence);

        using var random = new TorchRandom(o.Teacher.Seed, device);
        var teacher = new MlpNetwork(featureWidth, o.Teacher.HiddenLayers, outputSize, o.Teacher.Activation, o.Teacher.Dropout, device);
        bool owned = true;
        try
        {
            teacher.Initialize(random.Generator);
            teacher.DropoutGenerator = random.Generator;
            using var optimizer = OptimizerFactory.Create(o.Teacher.Optimizer, teacher.parameters(), o.Teacher.LearningRate, o.Teacher.WeightDecay);
            bool scaled = false;
            int steps = 0;
            var loss = new MlpCustomLoss(Array.Empty<string>(), (network, batch) =>
            {
                using var scope = NewDisposeScope();
                if (!scaled)
                {
                    CopyStandardisation(network, teacher);
                    scaled = true;
                }
                Tensor Two(Tensor z) => binary ? BinaryLogits.ToTwoClass(z) : z;
                var studentLogits = Two(network.forward(batch.Features));
                Tensor teacherLogits;
                if (network.training)
                {
                    teacher.train();
                    teacherLogits = Two(teacher.forward(batch.Features));
                    optimizer.zero_grad();
                    batch.WeightedMean(teacherLoss.PerSample(teacherLogits, studentLogits, batch.Labels!)).backward();
                    optimizer.step();
                    steps++;
                }
                else
                {
                    teacher.eval();
                    using var noGrad = no_grad();
                    teacherLogits = Two(teacher.forward(batch.Features));
                }
                return batch.WeightedMean(studentLoss.PerSample(studentLogits, teacherLogits.detach(), batch.Labels!)).MoveToOuterDisposeScope();
            });
            var trainer = binary ? _mlContext.Torch().MlpBinaryClassifier(o.Student) : _mlContext.Torch().MlpMulticlassClassifier(o.Student);
            var student = trainer.WithLoss(loss).Fit(trainData, validationData);
            teacher.DropoutGenerator = null;
            teacher.eval();
            var teacherOptions = o.Teacher.Clone();
            teacherOptions.FeatureColumnName = o.Student.FeatureColumnName;
            teacherOptions.LabelColumnName = o.Student.LabelColumnName;
            teacherOptions.NumberOfEpochs = o.Student.NumberOfEpochs;
            teacherOptions.BatchSize = o.Student.BatchSize;
            LastTeacher = new TorchMlpTransformer(Task, teacherOptions, featureWidth, student.ClassNames?.ToArray(), teacher, device, null);
            LastTeacherSteps = steps;
            owned = false;
            return student;
        }
        finally
        {
            if (owned) teacher.Dispose();
        }
    }

    /// <summary>Checks the input like Core's MLP trainer and adds its output columns.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => (Task == MlpTask.BinaryClassification
        ? _mlContext.Torch().MlpBinaryClassifier(_options.Student)
        : _mlContext.Torch().MlpMulticlassClassifier(_options.Student)).GetOutputSchema(inputSchema);

    private static void CopyStandardisation(MlpNetwork from, MlpNetwork to)
    {
        using var noGrad = no_grad();
        var source = from.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        foreach (var (name, buffer) in to.named_buffers())
            if (name.StartsWith("input_", StringComparison.Ordinal))
                buffer.copy_(source[name]);
    }
}
