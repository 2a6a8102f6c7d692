using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetExtensions.Data;

/// <summary>
/// Streams an <see cref="IDataView"/> into blocks of flat float arrays (features, label, weight, extra columns),
/// one cursor pass per enumeration, checking every value on the way: NaN/Inf features, labels out of range and
/// negative weights raise a <see cref="DataValidationException"/> naming the column and the row.
/// </summary>
public sealed class DataViewBatchReader
{
    private readonly IDataView _data;
    private readonly ExampleColumns _columns;
    private readonly DataViewSchema.Column _features;
    private readonly DataViewSchema.Column? _label;
    private readonly DataViewSchema.Column? _weight;
    private readonly DataViewSchema.Column[] _extras;

    /// <summary>Checks the schema against <paramref name="columns"/>; values are checked while reading.</summary>
    public DataViewBatchReader(IDataView data, ExampleColumns columns)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(columns);
        _data = data;
        _columns = columns;
        var schema = data.Schema;
        _features = ColumnInfo.Require(schema, columns.FeatureColumnName, "Feature");
        FeatureWidth = ColumnInfo.FloatWidth(_features, "Feature", allowScalar: true);
        if (FeatureWidth == 0)
            throw new ArgumentException($"Feature column '{_features.Name}' has zero width.", _features.Name);
        if (columns.LabelKind != LabelKind.None)
        {
            if (columns.LabelColumnName is null)
                throw new ArgumentException($"A label column is required for {columns.LabelKind} data.", nameof(columns));
            _label = ColumnInfo.Require(schema, columns.LabelColumnName, "Label");
            ClassCount = ColumnInfo.CheckLabel(_label.Value, columns.LabelKind);
        }
        if (columns.WeightColumnName is not null)
        {
            _weight = ColumnInfo.Require(schema, columns.WeightColumnName, "Weight");
            ColumnInfo.CheckWeight(_weight.Value);
        }
        _extras = columns.ExtraColumnNames.Select(n => ColumnInfo.Require(schema, n, "Input")).ToArray();
        ExtraWidths = _extras.Select(c => ColumnInfo.FloatWidth(c, "Input", allowScalar: true)).ToArray();
    }

    /// <summary>Number of feature values per row.</summary>
    public int FeatureWidth { get; }

    /// <summary>Number of classes for a multiclass (key) label, else 0.</summary>
    public int ClassCount { get; }

    /// <summary>Widths of the extra columns.</summary>
    public IReadOnlyList<int> ExtraWidths { get; }

    /// <summary>The label column, when one is read.</summary>
    public DataViewSchema.Column? LabelColumn => _label;

    /// <summary>The data view being read.</summary>
    public IDataView Data => _data;

    /// <summary>
    /// Enumerates the data in blocks of at most <paramref name="batchSize"/> rows. The same
    /// <see cref="ExampleBatch"/> instance is refilled for every block.
    /// </summary>
    public IEnumerable<ExampleBatch> Read(int batchSize)
    {
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be positive.");
        var active = new List<DataViewSchema.Column> { _features };
        if (_label is { } l) active.Add(l);
        if (_weight is { } w) active.Add(w);
        active.AddRange(_extras);

        using var cursor = _data.GetRowCursor(active.Distinct());
        var readFeatures = FloatColumnReaders.Create(cursor, _features, FeatureWidth);
        var readLabel = _label is { } lc ? LabelReader(cursor, lc) : null;
        var weightGetter = _weight is { } wc ? cursor.GetGetter<float>(wc) : null;
        var readExtras = _extras.Select((c, i) => FloatColumnReaders.Create(cursor, c, ExtraWidths[i])).ToArray();

        var batch = new ExampleBatch(batchSize, FeatureWidth, readLabel is not null, weightGetter is not null, ExtraWidths);
        long row = 0;
        while (true)
        {
            int n = 0;
            batch.FirstRow = row;
            while (n < batchSize && cursor.MoveNext())
            {
                readFeatures(batch.Features.AsSpan(n * FeatureWidth, FeatureWidth), row);
                if (readLabel is not null)
                    batch.Labels[n] = readLabel(row);
                if (weightGetter is not null)
                {
                    float weight = 0;
                    weightGetter(ref weight);
                    if (!float.IsFinite(weight) || weight < 0)
                        throw new DataValidationException(
                            $"Weight column '{_weight!.Value.Name}' has value {weight} at row {row}; weights must be finite and non-negative.",
                            _weight.Value.Name, row);
                    batch.Weights![n] = weight;
                }
                for (int e = 0; e < readExtras.Length; e++)
                    readExtras[e](batch.Extras[e].AsSpan(n * ExtraWidths[e], ExtraWidths[e]), row);
                n++;
                row++;
            }
            if (n == 0)
                yield break;
            batch.Count = n;
            yield return batch;
            if (n < batchSize)
                yield break;
        }
    }

    /// <summary>Reads the whole data view into memory; throws when it has no rows.</summary>
    public MaterializedExamples Materialize(int blockSize = 8192)
    {
        long? known = _data.GetRowCount();
        var store = new MaterializedExamples.Builder(FeatureWidth, _label is not null, _weight is not null, ExtraWidths,
            known is > 0 and < int.MaxValue ? (int)known.Value : 1024);
        foreach (var batch in Read(blockSize))
            store.Append(batch);
        if (store.Count == 0)
            throw DataValidationException.NoRows();
        return store.Build();
    }

    private Func<long, float> LabelReader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        string name = column.Name;
        switch (_columns.LabelKind)
        {
            case LabelKind.Binary when column.Type == BooleanDataViewType.Instance:
            {
                var getter = cursor.GetGetter<bool>(column);
                return _ => { bool b = false; getter(ref b); return b ? 1f : 0f; };
            }
            case LabelKind.Binary:
            {
                var getter = cursor.GetGetter<float>(column);
                return row =>
                {
                    float v = 0;
                    getter(ref v);
                    if (v != 0f && v != 1f)
                        throw new DataValidationException(
                            $"Label column '{name}' has value {v} at row {row}; binary labels must be 0 or 1 (or Boolean).", name, row);
                    return v;
                };
            }
            case LabelKind.Multiclass:
            {
                var getter = cursor.GetGetter<uint>(column);
                uint count = (uint)ClassCount;
                return row =>
                {
                    uint key = 0;
                    getter(ref key);
                    if (key == 0 || key > count)
                        throw new DataValidationException(
                            key == 0
                                ? $"Label column '{name}' is missing (key 0) at row {row}: the value was not in the key dictionary."
                                : $"Label column '{name}' has key {key} at row {row}, outside 1..{count}.", name, row);
                    return key - 1;
                };
            }
            default:
            {
                var getter = cursor.GetGetter<float>(column);
                return row =>
                {
                    float v = 0;
                    getter(ref v);
                    if (!float.IsFinite(v))
                        throw new DataValidationException($"Label column '{name}' has a non-finite value ({v}) at row {row}.", name, row);
                    return v;
                };
            }
        }
    }
}
