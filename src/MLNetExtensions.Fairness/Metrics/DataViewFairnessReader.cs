using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;

namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// Reads the columns a fairness report needs from an IDataView in one cursor pass into arrays: label and prediction
/// (Boolean or numbers), optional score and probability (numbers), sensitive columns (numbers, Boolean, text or key).
/// Schema problems throw <see cref="ArgumentException"/> naming the column; value problems are checked by the evaluator
/// (or here, for missing keys and text) with the column and the row.
/// </summary>
internal static class DataViewFairnessReader
{
    public static FairnessReport Evaluate(IDataView data, FairnessEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.SensitiveColumnNames is null || options.SensitiveColumnNames.Length == 0)
            throw new ArgumentException("At least one sensitive column name is needed (option SensitiveColumnNames).", nameof(options));
        var schema = data.Schema;
        var label = ColumnInfo.Require(schema, options.LabelColumnName, "Label");
        var prediction = ColumnInfo.Require(schema, options.ResolvedPredictionColumnName, "Prediction");
        DataViewSchema.Column? score = options.ScoreColumnName is null ? null : ColumnInfo.Require(schema, options.ScoreColumnName, "Score");
        DataViewSchema.Column? probability = options.ProbabilityColumnName is null ? null : ColumnInfo.Require(schema, options.ProbabilityColumnName, "Probability");
        var sensitive = options.SensitiveColumnNames.Select(name => ColumnInfo.Require(schema, name, "Sensitive")).ToArray();

        var readers = new List<ColumnBuffer>
        {
            NumberBuffer(label, "Label"), NumberBuffer(prediction, "Prediction"),
        };
        if (score is { } s) readers.Add(NumberBuffer(s, "Score"));
        if (probability is { } p) readers.Add(NumberBuffer(p, "Probability"));
        var sensitiveBuffers = sensitive.Select(SensitiveBuffer).ToArray();
        readers.AddRange(sensitiveBuffers);

        using (var cursor = data.GetRowCursor(readers.Select(r => r.Column).Distinct()))
        {
            foreach (var r in readers) r.Bind(cursor);
            long row = 0;
            while (cursor.MoveNext())
            {
                if (row == int.MaxValue)
                    throw new ArgumentException("The data has more than 2^31 - 1 rows; evaluate a sample.", nameof(data));
                foreach (var r in readers) r.Read(row);
                row++;
            }
        }

        int next = 2;
        var scores = score is null ? null : readers[next++].Numbers();
        var probabilities = probability is null ? null : readers[next].Numbers();
        var attributes = sensitiveBuffers.Select(b => b.ToAttribute(options.MaxDiscreteLevels)).ToArray();
        return FairnessEvaluator.Evaluate(readers[0].Numbers(), readers[1].Numbers(), attributes, scores, probabilities, options);
    }

    /// <summary>
    /// Reads the named sensitive columns only (numbers, Boolean, text or key) into attributes, in row order; the
    /// fairness-regularised trainers use it for their protected columns. NaN/Inf, empty text and missing keys are
    /// <see cref="DataValidationException"/>s naming the column and the row.
    /// </summary>
    public static SensitiveAttribute[] ReadAttributes(IDataView data, IReadOnlyList<string> columnNames, int maxDiscreteLevels)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(columnNames);
        var buffers = columnNames.Select(name => SensitiveBuffer(ColumnInfo.Require(data.Schema, name, "Protected"))).ToArray();
        using (var cursor = data.GetRowCursor(buffers.Select(b => b.Column).Distinct()))
        {
            foreach (var b in buffers) b.Bind(cursor);
            long row = 0;
            while (cursor.MoveNext())
            {
                if (row == int.MaxValue)
                    throw new ArgumentException("The data has more than 2^31 - 1 rows.", nameof(data));
                foreach (var b in buffers) b.Read(row);
                row++;
            }
        }
        return buffers.Select(b => b.ToAttribute(maxDiscreteLevels)).ToArray();
    }

    private static ColumnBuffer NumberBuffer(DataViewSchema.Column column, string role)
    {
        var type = column.Type;
        if (type == BooleanDataViewType.Instance) return new TypedBuffer<bool>(column, v => v ? 1 : 0);
        if (type == NumberDataViewType.Single) return new TypedBuffer<float>(column, v => v);
        if (type == NumberDataViewType.Double) return new TypedBuffer<double>(column, v => v);
        if (type == NumberDataViewType.Int32) return new TypedBuffer<int>(column, v => v);
        if (type == NumberDataViewType.Int64) return new TypedBuffer<long>(column, v => v);
        throw new ArgumentException(
            $"{role} column '{column.Name}' has type {type}; expected Boolean, Single, Double, Int32 or Int64.", column.Name);
    }

    private static ColumnBuffer SensitiveBuffer(DataViewSchema.Column column)
    {
        var type = column.Type;
        if (type is TextDataViewType) return new TextBuffer(column);
        if (type is KeyDataViewType key && key.Count is > 0 and <= int.MaxValue) return new KeyBuffer(column, (int)key.Count);
        if (type == BooleanDataViewType.Instance) return new TypedBuffer<bool>(column, v => v ? 1 : 0, boolean: true);
        if (type is VectorDataViewType)
            throw new ArgumentException($"Sensitive column '{column.Name}' is a vector; give one scalar column per attribute.", column.Name);
        try
        {
            return NumberBuffer(column, "Sensitive");
        }
        catch (ArgumentException)
        {
            throw new ArgumentException(
                $"Sensitive column '{column.Name}' has type {type}; expected a number, Boolean, text or key.", column.Name);
        }
    }

    /// <summary>One column read into a growing buffer.</summary>
    private abstract class ColumnBuffer
    {
        protected ColumnBuffer(DataViewSchema.Column column) => Column = column;

        public DataViewSchema.Column Column { get; }

        public abstract void Bind(DataViewRowCursor cursor);

        public abstract void Read(long row);

        public virtual double[] Numbers() => throw new InvalidOperationException($"Column '{Column.Name}' is not numeric.");

        public abstract SensitiveAttribute ToAttribute(int maxDiscreteLevels);
    }

    private sealed class TypedBuffer<T> : ColumnBuffer
    {
        private readonly Func<T, double> _convert;
        private readonly bool _boolean;
        private readonly List<double> _values = new();
        private ValueGetter<T> _getter = null!;
        private T _value = default!;

        public TypedBuffer(DataViewSchema.Column column, Func<T, double> convert, bool boolean = false)
            : base(column)
        {
            _convert = convert;
            _boolean = boolean;
        }

        public override void Bind(DataViewRowCursor cursor) => _getter = cursor.GetGetter<T>(Column);

        public override void Read(long row)
        {
            _getter(ref _value);
            _values.Add(_convert(_value));
        }

        public override double[] Numbers() => _values.ToArray();

        public override SensitiveAttribute ToAttribute(int maxDiscreteLevels) => _boolean
            ? SensitiveAttribute.FromCategories(Column.Name, _values.Select(v => (int)v).ToArray(), new[] { "False", "True" })
            : SensitiveAttribute.FromNumbers(Column.Name, _values.ToArray(), maxDiscreteLevels);
    }

    private sealed class TextBuffer : ColumnBuffer
    {
        private readonly Dictionary<string, int> _lookup = new(StringComparer.Ordinal);
        private readonly List<string> _levels = new();
        private readonly List<int> _codes = new();
        private ValueGetter<ReadOnlyMemory<char>> _getter = null!;
        private ReadOnlyMemory<char> _value;

        public TextBuffer(DataViewSchema.Column column) : base(column) { }

        public override void Bind(DataViewRowCursor cursor) => _getter = cursor.GetGetter<ReadOnlyMemory<char>>(Column);

        public override void Read(long row)
        {
            _getter(ref _value);
            var alternate = _lookup.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!alternate.TryGetValue(_value.Span, out int code))
            {
                var text = _value.ToString();
                code = _levels.Count;
                _lookup[text] = code;
                _levels.Add(text);
            }
            _codes.Add(code);
        }

        public override SensitiveAttribute ToAttribute(int maxDiscreteLevels) =>
            SensitiveAttribute.FromCategories(Column.Name, _codes.ToArray(), _levels);
    }

    private sealed class KeyBuffer : ColumnBuffer
    {
        private readonly int _count;
        private readonly List<int> _codes = new();
        private ValueGetter<uint> _getter = null!;
        private uint _value;

        public KeyBuffer(DataViewSchema.Column column, int count) : base(column) => _count = count;

        public override void Bind(DataViewRowCursor cursor) => _getter = cursor.GetGetter<uint>(Column);

        public override void Read(long row)
        {
            _getter(ref _value);
            // Key 0 is ML.NET's missing value.
            if (_value == 0)
                throw new DataValidationException($"Sensitive column '{Column.Name}' is missing (key 0) at row {row.ToString(CultureInfo.InvariantCulture)}.", Column.Name, row);
            _codes.Add((int)_value - 1);
        }

        public override SensitiveAttribute ToAttribute(int maxDiscreteLevels) =>
            SensitiveAttribute.FromCategories(Column.Name, _codes.ToArray(), KeyNames.Read(Column, _count));
    }
}
