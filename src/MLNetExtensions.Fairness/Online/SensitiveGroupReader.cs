using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;

namespace MLNetExtensions.Fairness.Online;

/// <summary>
/// Maps the sensitive column's value on the current row to a group number, discovering the levels as the stream goes
/// (numbered in order of first appearance, so no pass ahead is needed). Supported: Boolean, text, key (value 0 =
/// missing is an error), Single, Double, Int32 and Int64 (each distinct number is a level; NaN is an error).
/// More than <c>maxGroups</c> levels is an error (a continuous attribute must be binned first).
/// </summary>
internal sealed class SensitiveGroupReader
{
    private readonly string _column;
    private readonly int _maxGroups;
    private readonly Dictionary<string, int> _levels = new(StringComparer.Ordinal);
    private readonly List<string> _names = new();

    public SensitiveGroupReader(DataViewSchema.Column column, int maxGroups)
    {
        _column = column.Name;
        _maxGroups = maxGroups;
        Column = column;
        var type = column.Type;
        bool supported = type == BooleanDataViewType.Instance || type is TextDataViewType || type is KeyDataViewType ||
                         type == NumberDataViewType.Single || type == NumberDataViewType.Double ||
                         type == NumberDataViewType.Int32 || type == NumberDataViewType.Int64;
        if (!supported)
            throw new ArgumentException(
                $"Sensitive column '{column.Name}' has type {type}; expected Boolean, text, key, Single, Double, Int32 or Int64 (one value per row).",
                column.Name);
    }

    public DataViewSchema.Column Column { get; }

    /// <summary>The levels seen so far, in group order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>A reader of the group of <paramref name="cursor"/>'s current row; its argument is the row index for messages.</summary>
    public Func<long, int> Bind(DataViewRowCursor cursor)
    {
        var type = Column.Type;
        if (type == BooleanDataViewType.Instance)
        {
            var get = cursor.GetGetter<bool>(Column);
            bool value = false;
            return row => { get(ref value); return Group(value ? "True" : "False", row); };
        }
        if (type is TextDataViewType)
        {
            var get = cursor.GetGetter<ReadOnlyMemory<char>>(Column);
            ReadOnlyMemory<char> value = default;
            return row => { get(ref value); return Group(value.ToString(), row); };
        }
        if (type is KeyDataViewType)
        {
            var get = cursor.GetGetter<uint>(Column);
            uint value = 0;
            return row =>
            {
                get(ref value);
                if (value == 0)
                    throw new DataValidationException($"Sensitive column '{_column}' has a missing key value at row {row}.", _column, row);
                return Group(value.ToString(CultureInfo.InvariantCulture), row);
            };
        }
        if (type == NumberDataViewType.Single)
        {
            var get = cursor.GetGetter<float>(Column);
            float value = 0;
            return row => { get(ref value); return Number(value, row); };
        }
        if (type == NumberDataViewType.Double)
        {
            var get = cursor.GetGetter<double>(Column);
            double value = 0;
            return row => { get(ref value); return Number(value, row); };
        }
        if (type == NumberDataViewType.Int32)
        {
            var get = cursor.GetGetter<int>(Column);
            int value = 0;
            return row => { get(ref value); return Number(value, row); };
        }
        var getLong = cursor.GetGetter<long>(Column);
        long longValue = 0;
        return row => { getLong(ref longValue); return Number(longValue, row); };
    }

    private int Number(double value, long row)
    {
        if (!double.IsFinite(value))
            throw new DataValidationException($"Sensitive column '{_column}' has the non-finite value {value} at row {row}.", _column, row);
        return Group(value.ToString("R", CultureInfo.InvariantCulture), row);
    }

    private int Group(string level, long row)
    {
        if (_levels.TryGetValue(level, out int group))
            return group;
        if (_names.Count == _maxGroups)
            throw new DataValidationException(
                $"Sensitive column '{_column}' has more than MaxGroups = {_maxGroups} distinct values (the new one '{level}' at row {row}); " +
                "Aranyani keeps statistics per group: bin a continuous attribute or raise AranyaniOptions.MaxGroups.", _column, row);
        _levels[level] = _names.Count;
        _names.Add(level);
        return _names.Count - 1;
    }
}
