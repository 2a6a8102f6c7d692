using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration;
using MLNetExtensions.Calibration.Metrics;
using MLNetExtensions.Data;
using MLNetExtensions.Distillation.Adversarial;
using MLNetExtensions.Distillation.Reporting;
using MLNetExtensions.Persistence;
using MLNetExtensions.Trainers;

namespace MLNetExtensions.Distillation;

public sealed partial class DistillationCatalog
{
    /// <summary>
    /// Evaluates teacher(s) and students on the same held-out <paramref name="testData"/>: accuracy, log loss, ECE and
    /// Brier from the calibration family's evaluator (binary: the Probability column against a Boolean/0-1 label;
    /// multiclass: the Score vector against a key label), parameter count, saved-model bytes, and batched-Transform
    /// latency per row and rows/s (fastest of <see cref="DistillationReportOptions.LatencyRuns"/> passes after a warm-up),
    /// and, when <see cref="DistillationReportOptions.Attack"/> is set, PGD robust accuracy of the models ending in a Torch MLP.
    /// </summary>
    /// <exception cref="ArgumentException">A model does not add the column the task needs, or two models share a name.</exception>
    public DistillationReport Compare(IDataView testData, IEnumerable<DistillationModel> models, DistillationReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(testData);
        ArgumentNullException.ThrowIfNull(models);
        options ??= new DistillationReportOptions();
        options.Validate();
        var list = models.ToList();
        if (list.Count == 0)
            throw new ArgumentException("Give at least one model to compare.", nameof(models));
        var duplicate = list.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two models are named '{duplicate.Key}'; names must be unique.", nameof(models));
        var label = ColumnInfo.Require(testData.Schema, options.LabelColumnName, "Label");
        bool multiclass = label.Type is KeyDataViewType;
        var evaluation = new CalibrationEvaluationOptions { NumberOfBins = options.NumberOfBins };
        var calibration = MLContext.Calibration();
        var attack = options.Attack is null ? null : new PgdAttack(options.Attack);

        var rows = new List<DistillationReportRow>();
        foreach (var m in list)
        {
            var scored = m.Model.Transform(testData);
            string outputColumn = multiclass ? "Score" : "Probability";
            if (scored.Schema.GetColumnOrNull(outputColumn) is null)
                throw new ArgumentException(
                    $"Model '{m.Name}' adds no '{outputColumn}' column to the test data (a {(multiclass ? "multiclass" : "binary")} label needs it).", nameof(models));
            double accuracy, logLoss, ece, brier;
            long count;
            if (multiclass)
            {
                var e = calibration.EvaluateMulticlass(scored, options.LabelColumnName, "Score", evaluation);
                (count, accuracy, logLoss, ece, brier) = (e.Count, e.Accuracy, e.LogLoss, e.Ece, e.Brier);
            }
            else
            {
                var e = calibration.EvaluateBinary(scored, options.LabelColumnName, "Probability", evaluation);
                (count, accuracy, logLoss, ece, brier) = (e.Count, e.Accuracy, e.LogLoss, e.Ece, e.Brier);
            }
            double seconds = ScoringSeconds(m.Model, testData, outputColumn, options.LatencyRuns);
            rows.Add(new DistillationReportRow(m.Name, m.Role, count, accuracy, logLoss, ece, brier,
                ParameterCount(m.Model), ModelBytes(m.Model, testData.Schema),
                seconds / count * 1e6, count / Math.Max(seconds, 1e-12), attack is null ? null : RobustAccuracy(attack, m.Model, testData, options.LabelColumnName)));
        }
        return new DistillationReport(rows);
    }

    private static double ScoringSeconds(ITransformer model, IDataView data, string column, int runs)
    {
        double best = double.PositiveInfinity;
        for (int run = 0; run <= runs; run++)
        {
            var clock = Stopwatch.StartNew();
            var scored = model.Transform(data);
            var col = scored.Schema[column];
            using (var cursor = scored.GetRowCursor(new[] { col }))
            {
                // Read the output so lazy transformers really score every row.
                if (col.Type is VectorDataViewType)
                {
                    var getter = cursor.GetGetter<VBuffer<float>>(col);
                    var value = default(VBuffer<float>);
                    while (cursor.MoveNext()) getter(ref value);
                }
                else
                {
                    var getter = cursor.GetGetter<float>(col);
                    float value = 0;
                    while (cursor.MoveNext()) getter(ref value);
                }
            }
            // Pass 0 warms up (JIT, first allocations) and is not counted.
            if (run > 0) best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static double? RobustAccuracy(PgdAttack attack, ITransformer model, IDataView data, string labelColumnName)
    {
        // The attack needs the MLP's input gradient: the model must end in a Torch MLP classifier; the steps before
        // it (featurisation) are applied to the clean rows and the perturbation acts on the MLP's feature vector.
        var steps = Flatten(model).ToList();
        if (steps.Count == 0 || steps[^1] is not TorchMlpTransformer { Task: not MlpTask.Regression } mlp)
            return null;
        foreach (var step in steps.Take(steps.Count - 1))
            data = step.Transform(data);
        return attack.RobustAccuracy(mlp, data, labelColumnName);
    }

    private static long? ParameterCount(ITransformer model)
    {
        long total = 0;
        bool any = false;
        foreach (var mlp in Flatten(model).OfType<TorchMlpTransformer>())
        {
            any = true;
            total += mlp.Network.parameters().Sum(p => p.numel());
        }
        return any ? total : null;
    }

    private long ModelBytes(ITransformer model, DataViewSchema schema)
    {
        using var stream = new MemoryStream();
        // Plain ML.NET models are measured as ML.NET saves them; ours need the extension format.
        if (Flatten(model).Any(t => t is IExtensionTransformer))
            MLContext.Model.SaveWithExtensions(model, schema, stream);
        else
            MLContext.Model.Save(model, schema, stream);
        return stream.Length;
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer model)
    {
        if (model is IEnumerable<ITransformer> chain)
        {
            foreach (var inner in chain)
                foreach (var t in Flatten(inner))
                    yield return t;
        }
        else
        {
            yield return model;
        }
    }
}
