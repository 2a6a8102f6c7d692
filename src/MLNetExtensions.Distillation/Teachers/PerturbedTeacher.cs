using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using MLNetExtensions.Distillation.Trainers;
using MLNetExtensions.Torch;
using MLNetExtensions.Trainers;
using static TorchSharp.torch;

namespace MLNetExtensions.Distillation.Teachers;

/// <summary>
/// Queries a frozen teacher on feature rows that exist only as a tensor (PGD examples crafted against the student).
/// A <see cref="TorchMlpTransformer"/> teacher is run directly on the tensor, without gradient; any other teacher
/// (LightGBM, FastTree, ...) is asked to <c>Transform</c> one in-memory view per batch holding just the student's
/// feature column, and its outputs are read as logits like <see cref="TeacherLogits"/> does. Such a teacher must
/// therefore read the student's feature vector (not raw columns of its own).
/// </summary>
internal sealed class PerturbedTeacher
{
    private readonly MLContext _mlContext;
    private readonly ITransformer _teacher;
    private readonly string _name;
    private readonly int _featureWidth;
    private readonly int _classCount;
    private readonly DistillationOptions _reading;
    private readonly DataViewSchema.Column? _label;
    private readonly SchemaDefinition _schema;

    public PerturbedTeacher(MLContext mlContext, string name, ITransformer teacher, int featureWidth, int classCount,
        DistillationOptions reading, DataViewSchema.Column? label)
    {
        _mlContext = mlContext;
        _name = name;
        _teacher = teacher;
        _featureWidth = featureWidth;
        _classCount = classCount;
        _reading = reading;
        _label = label;
        _schema = SchemaDefinition.Create(typeof(FeatureRow));
        _schema[0].ColumnName = reading.Student.FeatureColumnName;
        _schema[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureWidth);
        if (teacher is TorchMlpTransformer mlp)
            CheckMlp(mlp);
    }

    /// <summary>Number of Transform calls made (Torch MLP teachers make none).</summary>
    public int TransformCalls { get; private set; }

    /// <summary>Teacher logits [N, 1] (binary) or [N, K] for <paramref name="features"/> [N, F], on the features' device, without gradient.</summary>
    public Tensor Logits(Tensor features)
    {
        using var noGrad = no_grad();
        if (_teacher is TorchMlpTransformer mlp)
        {
            using var scope = NewDisposeScope();
            // The network stays in evaluation mode; no optimiser ever sees its parameters.
            return mlp.Network.forward(features.detach().to(mlp.Device)).to(features.device).detach().MoveToOuterDisposeScope();
        }
        int n = (int)features.shape[0];
        var values = new float[n * _featureWidth];
        using (var cpu = features.detach().cpu().contiguous())
            TensorCopy.ToSpan(cpu, values);
        var rows = new FeatureRow[n];
        for (int i = 0; i < n; i++)
            rows[i] = new FeatureRow { Features = values.AsSpan(i * _featureWidth, _featureWidth).ToArray() };
        var view = _mlContext.Data.LoadFromEnumerable(rows, _schema);
        TeacherLogits logits;
        try
        {
            TransformCalls++;
            logits = TeacherLogits.Query(_teacher, view, _classCount, _reading, _label);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(
                $"Teacher '{_name}' has Input = Adversarial, so it is queried on the perturbed feature vectors alone (column '{_reading.Student.FeatureColumnName}', " +
                $"{_featureWidth} values) and cannot read other columns: {e.Message}", "teachers", e);
        }
        return TensorCopy.FromSpan(logits.Values, new long[] { n, logits.Width }, features.device);
    }

    private void CheckMlp(TorchMlpTransformer mlp)
    {
        if (mlp.FeatureWidth != _featureWidth)
            throw new ArgumentException($"Teacher '{_name}' (a Torch MLP) reads {mlp.FeatureWidth} features; the student's column '{_reading.Student.FeatureColumnName}' has {_featureWidth}.", "teachers");
        bool binary = _classCount == 0;
        if (binary != (mlp.Task == MlpTask.BinaryClassification) || mlp.Task == MlpTask.Regression)
            throw new ArgumentException($"Teacher '{_name}' is a {mlp.Task} MLP; the student is {(binary ? "binary" : $"{_classCount}-class")}.", "teachers");
        if (!binary)
        {
            if (mlp.ClassNames!.Count != _classCount)
                throw new ArgumentException($"Class-count mismatch: teacher '{_name}' has {mlp.ClassNames.Count} classes, the student's label {_classCount}.", "teachers");
            if (_label is { } label && label.Annotations.Schema.GetColumnOrNull(KeyNames.AnnotationKind) is not null)
            {
                var names = KeyNames.Read(label, _classCount);
                if (!names.SequenceEqual(mlp.ClassNames))
                    throw new ArgumentException(
                        $"Class mismatch: teacher '{_name}' has classes [{string.Join(", ", mlp.ClassNames)}], the student's label [{string.Join(", ", names)}].", "teachers");
            }
        }
    }

    private sealed class FeatureRow
    {
        public float[] Features { get; set; } = Array.Empty<float>();
    }
}
