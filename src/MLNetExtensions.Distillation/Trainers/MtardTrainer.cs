using Microsoft.ML;
using MLNetExtensions.Data;
using MLNetExtensions.Distillation.Adversarial;
using MLNetExtensions.Distillation.Losses;
using MLNetExtensions.Distillation.Teachers;
using MLNetExtensions.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetExtensions.Distillation.Trainers;

/// <summary>
/// MTARD / B-MTARD, multi-teacher adversarial robust distillation (Zhao et al., ECCV 2022; TPAMI 2024), for N
/// frozen teachers. Each batch: x' = PGD(x) against the student with its own cross-entropy (<see cref="PgdAttack"/>);
/// teacher k gives p_k = softmax(z_k / tau_k) on x (<see cref="MtardInput.Natural"/>, cached once) or on x'
/// (<see cref="MtardInput.Adversarial"/>, queried per batch); L_k = weighted mean over rows of KL(p_k || softmax(S(input_k)))
/// (student at temperature 1, no hard-label term, as MTARD); L = sum_k w_k L_k. Temperatures and weights follow
/// <see cref="MtardBalance"/> (updated on training batches only; validation uses the current values). Teachers are
/// queried, never differentiated or modified, so a LightGBM clean teacher works: the adversarial examples are crafted
/// against the student, not the teacher. Returns Core's <see cref="TorchMlpTransformer"/>; the balance of the last
/// <c>Fit</c> is <see cref="LastBalance"/>.
/// </summary>
public sealed class MtardTrainer : IEstimator<TorchMlpTransformer>
{
    private readonly MLContext _mlContext;
    private readonly MtardTeacher[] _teachers;
    private readonly MtardOptions _options;

    internal MtardTrainer(MLContext mlContext, MlpTask task, IEnumerable<MtardTeacher> teachers, MtardOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(teachers);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _teachers = teachers.ToArray();
        if (_teachers.Length == 0)
            throw new ArgumentException("MTARD needs at least one teacher.", nameof(teachers));
        for (int k = 0; k < _teachers.Length; k++)
        {
            var t = _teachers[k] ?? throw new ArgumentNullException(nameof(teachers), $"Teacher {k} is null.");
            if (t.Model is null)
                throw new ArgumentNullException(nameof(teachers), $"Teacher '{t.Name}' has no model.");
            if (string.IsNullOrWhiteSpace(t.Name))
                throw new ArgumentException($"Teacher {k} has no name.", nameof(teachers));
            if (!Enum.IsDefined(t.Input))
                throw new ArgumentOutOfRangeException(nameof(teachers), t.Input, $"Teacher '{t.Name}' has an unknown input.");
        }
        var duplicate = _teachers.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two teachers are named '{duplicate.Key}'; names must be unique.", nameof(teachers));
        if (task == MlpTask.Regression)
            throw new ArgumentException("MTARD distils classifiers.", nameof(task));
        _mlContext = mlContext;
        Task = task;
        _options = options.Clone();
    }

    /// <summary>Binary or multiclass classification.</summary>
    public MlpTask Task { get; }

    /// <summary>The options (a copy).</summary>
    public MtardOptions Options => _options.Clone();

    /// <summary>The teachers, in order.</summary>
    public IReadOnlyList<MtardTeacher> Teachers => _teachers;

    /// <summary>The temperatures, weights and per-batch history of the last <c>Fit</c>; null before.</summary>
    public MtardBalance? LastBalance { get; private set; }

    /// <summary>Transform calls made on Adversarial-input teachers that are not Torch MLPs during the last <c>Fit</c> (one per training or validation batch each).</summary>
    public int LastPerturbedTransformCalls { get; private set; }

    /// <summary>Trains the student on <paramref name="input"/>.</summary>
    public TorchMlpTransformer Fit(IDataView input) => Fit(input, null);

    /// <summary>Trains on <paramref name="trainData"/>, validating on <paramref name="validationData"/> (same MTARD loss, fresh PGD examples).</summary>
    public TorchMlpTransformer Fit(IDataView trainData, IDataView? validationData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var o = _options;
        var reading = o.TeacherReading();
        bool binary = Task == MlpTask.BinaryClassification;
        var labelColumn = ColumnInfo.Require(trainData.Schema, o.Student.LabelColumnName, "Label");
        int classCount = binary ? 0 : ColumnInfo.CheckLabel(labelColumn, LabelKind.Multiclass);
        var features = ColumnInfo.Require(trainData.Schema, o.Student.FeatureColumnName, "Feature");
        int featureWidth = features.Type is Microsoft.ML.Data.VectorDataViewType { IsKnownSize: true } v ? v.Size : 1;

        var naturalColumns = new List<string>();
        var sources = new int[_teachers.Length];          // index into Extras (natural) or into perturbed (adversarial)
        var perturbed = new List<PerturbedTeacher>();
        IDataView train = trainData, validation = validationData!;
        for (int k = 0; k < _teachers.Length; k++)
        {
            var t = _teachers[k];
            if (t.Input == MtardInput.Natural)
            {
                string column = $"MtardTeacher{k}Logits";
                sources[k] = naturalColumns.Count;
                naturalColumns.Add(column);
                train = WithLogits(train, t.Model, column, classCount, reading, labelColumn);
                if (validationData is not null)
                    validation = WithLogits(validation, t.Model, column, classCount, reading, labelColumn);
            }
            else
            {
                sources[k] = perturbed.Count;
                perturbed.Add(new PerturbedTeacher(_mlContext, t.Name, t.Model, featureWidth, classCount, reading, labelColumn));
            }
        }

        var balance = new MtardBalance(_teachers.Length, o.TemperatureLearningRate, o.WeightLearningRate, o.MinTemperature, o.MaxTemperature,
            o.BalanceTemperatures, o.BalanceWeights);
        var attack = new PgdAttack(o.Attack);
        bool needsAdversarial = perturbed.Count > 0;
        bool needsNatural = naturalColumns.Count > 0;
        using var generator = new Generator(unchecked((ulong)o.Attack.Seed), torch.CPU);
        var loss = new MlpCustomLoss(naturalColumns, (network, batch) =>
        {
            using var scope = NewDisposeScope();
            Tensor Two(Tensor z) => binary ? BinaryLogits.ToTwoClass(z) : z;
            var adversarial = needsAdversarial ? attack.Perturb(network, batch.Features, batch.Labels!, AdversarialTrainer.GeneratorFor(generator, batch.Features.device)) : null;
            var studentNatural = needsNatural ? Two(network.forward(batch.Features)) : null;
            var studentAdversarial = adversarial is null ? null : Two(network.forward(adversarial));
            var temperatures = balance.Temperatures;
            var losses = new Tensor[_teachers.Length];
            var entropies = new double[_teachers.Length];
            var lossValues = new double[_teachers.Length];
            for (int k = 0; k < _teachers.Length; k++)
            {
                bool natural = _teachers[k].Input == MtardInput.Natural;
                var teacherLogits = Two(natural ? batch.Extras[sources[k]] : perturbed[sources[k]].Logits(adversarial!)).detach();
                var scaled = teacherLogits / temperatures[k];
                // KL(softmax(z_t / tau) || softmax(z_s)): the teacher tempered, the student at temperature 1.
                var kl = TemperedDistributions.KlDivergence(scaled, natural ? studentNatural! : studentAdversarial!, 1);
                losses[k] = batch.WeightedMean(kl);
                if (network.training)
                {
                    using var noGrad = no_grad();
                    var p = scaled.softmax(1);
                    entropies[k] = Math.Max(-(p * (p + 1e-5).log()).mean().item<float>(), 0);
                    lossValues[k] = Math.Max(losses[k].detach().item<float>(), 0);
                }
            }
            if (network.training)
                balance.Update(entropies, lossValues);
            var weights = balance.Weights;
            var total = losses[0] * weights[0];
            for (int k = 1; k < losses.Length; k++)
                total = total + losses[k] * weights[k];
            return total.MoveToOuterDisposeScope();
        });
        var student = (binary ? _mlContext.Torch().MlpBinaryClassifier(o.Student) : _mlContext.Torch().MlpMulticlassClassifier(o.Student)).WithLoss(loss);
        try
        {
            return student.Fit(train, validationData is null ? null : validation);
        }
        finally
        {
            LastBalance = balance;
            LastPerturbedTransformCalls = perturbed.Sum(p => p.TransformCalls);
        }
    }

    /// <summary>Checks the input like Core's MLP trainer and adds its output columns.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => (Task == MlpTask.BinaryClassification
        ? _mlContext.Torch().MlpBinaryClassifier(_options.Student)
        : _mlContext.Torch().MlpMulticlassClassifier(_options.Student)).GetOutputSchema(inputSchema);

    private static IDataView WithLogits(IDataView data, ITransformer teacher, string column, int classCount, DistillationOptions reading,
        Microsoft.ML.DataViewSchema.Column label)
    {
        var logits = TeacherLogits.Query(teacher, data, classCount, reading, classCount == 0 ? null : label);
        return new CachedColumnDataView(data, column, logits.Values, logits.Width);
    }
}
