using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Calibration.Metrics;
using MLNetExtensions.Data;

namespace MLNetExtensions.Calibration;

public sealed partial class CalibrationCatalog
{
    private const int EvaluationBlock = 4096;

    /// <summary>
    /// Binary calibration metrics over a scored <see cref="IDataView"/>: <paramref name="probabilityColumnName"/>
    /// is P(y = 1) (Single or Double), the label is Boolean or numeric 0/1. With
    /// <see cref="CalibrationEvaluationOptions.BinnedOnly"/> the view is streamed in blocks with O(bins) memory; with
    /// <see cref="CalibrationEvaluationOptions.ReservoirSize"/> also, plus a reservoir sample for KS, smooth ECE and
    /// AUC; otherwise the probabilities and labels are held (KS, smooth ECE, AUC, equal-mass bins and the bootstrap
    /// need them). Bad values throw <see cref="DataValidationException"/> naming the column and the row.
    /// </summary>
    public BinaryCalibrationMetrics EvaluateBinary(IDataView data, string labelColumnName = "Label", string probabilityColumnName = "Probability",
        CalibrationEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new CalibrationEvaluationOptions();
        options.Validate();
        var label = ColumnInfo.Require(data.Schema, labelColumnName, "Label");
        var probability = ColumnInfo.Require(data.Schema, probabilityColumnName, "Probability");
        var readLabel = BinaryLabelReader(label);
        var readProbability = ScalarReader(probability);

        var probabilities = new double[EvaluationBlock];
        var labels = new float[EvaluationBlock];
        bool streaming = options.BinnedOnly || options.ReservoirSize > 0;
        var state = streaming ? new BinaryCalibrationState(options, probabilityColumnName, labelColumnName) : null;
        var reservoir = options.ReservoirSize > 0 ? new ScoreReservoir(options.ReservoirSize, options.Seed) : null;
        var allProbabilities = new List<double>();
        var allLabels = new List<float>();
        using var cursor = data.GetRowCursor([label, probability]);
        var labelGetter = readLabel(cursor);
        var probabilityGetter = readProbability(cursor);
        int filled = 0;
        void Flush()
        {
            if (state is not null)
            {
                // The state checks the block first, so the reservoir only ever sees good rows.
                state.Add(probabilities.AsSpan(0, filled), labels.AsSpan(0, filled));
                reservoir?.Add(probabilities.AsSpan(0, filled), labels.AsSpan(0, filled));
            }
            else
            {
                allProbabilities.AddRange(probabilities.AsSpan(0, filled));
                allLabels.AddRange(labels.AsSpan(0, filled));
            }
            filled = 0;
        }
        while (cursor.MoveNext())
        {
            probabilities[filled] = probabilityGetter();
            labels[filled] = labelGetter();
            if (++filled == EvaluationBlock)
                Flush();
        }
        Flush();

        if (state is not null)
        {
            var (ks, smooth, auc) = reservoir is not null && reservoir.Seen > 0 ? reservoir.Compute() : (double.NaN, double.NaN, double.NaN);
            return CalibrationEvaluator.FromState(state, ks, smooth, auc, options.ConfidenceLevel, new Dictionary<string, ConfidenceInterval>());
        }
        if (allLabels.Count == 0)
            throw DataValidationException.NoRows();
        return CalibrationEvaluator.EvaluateBinary(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(allProbabilities),
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(allLabels), options, probabilityColumnName, labelColumnName);
    }

    /// <summary>Binary calibration metrics of in-memory probabilities and Boolean labels (a convenience over <see cref="CalibrationEvaluator.EvaluateBinary"/>).</summary>
    public BinaryCalibrationMetrics EvaluateBinary(IEnumerable<double> probabilities, IEnumerable<bool> labels, CalibrationEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        var p = probabilities.ToArray();
        var y = labels.Select(l => l ? 1f : 0f).ToArray();
        return CalibrationEvaluator.EvaluateBinary(p, y, options);
    }

    /// <summary>
    /// Multiclass calibration metrics over a scored <see cref="IDataView"/>: <paramref name="scoreColumnName"/> is
    /// a known-size vector of class probabilities (ML.NET's multiclass Score), the label a key (as ML.NET's
    /// multiclass trainers use; key value k is class k - 1) or an integer class index in [0, classes). With
    /// <see cref="CalibrationEvaluationOptions.BinnedOnly"/> the view streams with O(classes x bins) memory.
    /// </summary>
    public MulticlassCalibrationMetrics EvaluateMulticlass(IDataView data, string labelColumnName = "Label", string scoreColumnName = "Score",
        CalibrationEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new CalibrationEvaluationOptions();
        options.Validate();
        var label = ColumnInfo.Require(data.Schema, labelColumnName, "Label");
        var score = ColumnInfo.Require(data.Schema, scoreColumnName, "Score");
        if (score.Type is not VectorDataViewType { IsKnownSize: true } vector || (vector.ItemType != NumberDataViewType.Single && vector.ItemType != NumberDataViewType.Double))
            throw new ArgumentException(
                $"Score column '{scoreColumnName}' has type {score.Type}; expected a known-size vector of Single or Double (class probabilities).", nameof(scoreColumnName));
        int classes = vector.Size;
        if (classes < 2)
            throw new ArgumentException($"Score column '{scoreColumnName}' has {classes} entry; at least 2 classes are needed.", nameof(scoreColumnName));
        if (label.Type is KeyDataViewType key && key.Count != (ulong)classes)
            throw new ArgumentException(
                $"Label column '{labelColumnName}' is a key with {key.Count} values but score column '{scoreColumnName}' has {classes} classes.", nameof(labelColumnName));
        var readLabel = ClassLabelReader(label);

        var probabilities = new double[EvaluationBlock * classes];
        var labels = new int[EvaluationBlock];
        bool streaming = options.BinnedOnly || options.ReservoirSize > 0;
        var state = streaming ? new MulticlassCalibrationState(classes, options, scoreColumnName, labelColumnName) : null;
        var reservoir = options.ReservoirSize > 0 ? new ScoreReservoir(options.ReservoirSize, options.Seed) : null;
        var confidence = reservoir is not null ? new double[EvaluationBlock] : [];
        var correct = reservoir is not null ? new float[EvaluationBlock] : [];
        var allProbabilities = new List<double>();
        var allLabels = new List<int>();
        using var cursor = data.GetRowCursor([label, score]);
        var labelGetter = readLabel(cursor);
        var scoreGetter = VectorReader(cursor, score, classes);
        int filled = 0;
        long row = 0;
        void Flush()
        {
            if (state is not null)
            {
                state.Add(probabilities.AsSpan(0, filled * classes), labels.AsSpan(0, filled));
                if (reservoir is not null)
                {
                    MulticlassCalibrationState.ComputeTopLabel(probabilities.AsSpan(0, filled * classes), labels.AsSpan(0, filled), classes,
                        confidence.AsSpan(0, filled), correct.AsSpan(0, filled));
                    reservoir.Add(confidence.AsSpan(0, filled), correct.AsSpan(0, filled));
                }
            }
            else
            {
                allProbabilities.AddRange(probabilities.AsSpan(0, filled * classes));
                allLabels.AddRange(labels.AsSpan(0, filled));
            }
            filled = 0;
        }
        while (cursor.MoveNext())
        {
            scoreGetter(probabilities.AsSpan(filled * classes, classes));
            labels[filled] = labelGetter(row);
            row++;
            if (++filled == EvaluationBlock)
                Flush();
        }
        Flush();

        if (state is not null)
        {
            var (ks, smooth, _) = reservoir is not null && reservoir.Seen > 0 ? reservoir.Compute() : (double.NaN, double.NaN, double.NaN);
            return CalibrationEvaluator.FromState(state, ks, smooth, options.ConfidenceLevel, new Dictionary<string, ConfidenceInterval>());
        }
        if (allLabels.Count == 0)
            throw DataValidationException.NoRows();
        return CalibrationEvaluator.EvaluateMulticlass(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(allProbabilities), classes,
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(allLabels), options, scoreColumnName, labelColumnName);
    }

    private static Func<DataViewRowCursor, Func<double>> ScalarReader(DataViewSchema.Column column)
    {
        if (column.Type == NumberDataViewType.Single)
            return cursor =>
            {
                var getter = cursor.GetGetter<float>(column);
                float value = 0;
                return () => { getter(ref value); return value; };
            };
        if (column.Type == NumberDataViewType.Double)
            return cursor =>
            {
                var getter = cursor.GetGetter<double>(column);
                double value = 0;
                return () => { getter(ref value); return value; };
            };
        throw new ArgumentException($"Probability column '{column.Name}' has type {column.Type}; expected Single or Double (P(y = 1)).", column.Name);
    }

    private static Func<DataViewRowCursor, Func<float>> BinaryLabelReader(DataViewSchema.Column column)
    {
        if (column.Type == BooleanDataViewType.Instance)
            return cursor =>
            {
                var getter = cursor.GetGetter<bool>(column);
                bool value = false;
                return () => { getter(ref value); return value ? 1f : 0f; };
            };
        if (column.Type == NumberDataViewType.Single || column.Type == NumberDataViewType.Double)
        {
            var read = ScalarReader(column);
            // A double label such as 0.5 stays 0.5 after the cast and is then rejected by the 0/1 check.
            return cursor => { var get = read(cursor); return () => (float)get(); };
        }
        throw new ArgumentException($"Label column '{column.Name}' has type {column.Type}; binary calibration expects Boolean or numeric 0/1 (Single or Double).", column.Name);
    }

    private static Func<DataViewRowCursor, Func<long, int>> ClassLabelReader(DataViewSchema.Column column)
    {
        string name = column.Name;
        if (column.Type is KeyDataViewType && column.Type.RawType == typeof(uint))
            return cursor =>
            {
                var getter = cursor.GetGetter<uint>(column);
                uint value = 0;
                return row =>
                {
                    getter(ref value);
                    if (value == 0)
                        throw new DataValidationException($"Column '{name}' is a missing key at row {row}; every row needs a class.", name, row);
                    return (int)(value - 1);
                };
            };
        if (column.Type == NumberDataViewType.Int32)
            return cursor =>
            {
                var getter = cursor.GetGetter<int>(column);
                int value = 0;
                return _ => { getter(ref value); return value; };
            };
        if (column.Type == NumberDataViewType.Int64)
            return cursor =>
            {
                var getter = cursor.GetGetter<long>(column);
                long value = 0;
                return row =>
                {
                    getter(ref value);
                    return value is >= int.MinValue and <= int.MaxValue ? (int)value
                        : throw new DataValidationException($"Column '{name}' is {value} at row {row}; not a class index.", name, row);
                };
            };
        if (column.Type == NumberDataViewType.Single || column.Type == NumberDataViewType.Double)
        {
            var read = ScalarReader(column);
            return cursor =>
            {
                var get = read(cursor);
                return row =>
                {
                    double value = get();
                    if (value != Math.Floor(value) || value < int.MinValue || value > int.MaxValue)
                        throw new DataValidationException($"Column '{name}' is {value} at row {row}; a class index must be a whole number.", name, row);
                    return (int)value;
                };
            };
        }
        throw new ArgumentException(
            $"Label column '{name}' has type {column.Type}; multiclass calibration expects a key (MapValueToKey) or an integer class index (Int32, Int64, Single or Double).", name);
    }

    private static SpanWriter VectorReader(DataViewRowCursor cursor, DataViewSchema.Column column, int classes)
    {
        var itemType = ((VectorDataViewType)column.Type).ItemType;
        if (itemType == NumberDataViewType.Single)
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            var buffer = default(VBuffer<float>);
            var dense = new float[classes];
            return destination =>
            {
                getter(ref buffer);
                buffer.CopyTo(dense);
                for (int k = 0; k < classes; k++)
                    destination[k] = dense[k];
            };
        }
        var doubleGetter = cursor.GetGetter<VBuffer<double>>(column);
        var doubleBuffer = default(VBuffer<double>);
        return destination =>
        {
            doubleGetter(ref doubleBuffer);
            doubleBuffer.CopyTo(destination);
        };
    }

    private delegate void SpanWriter(Span<double> destination);
}
