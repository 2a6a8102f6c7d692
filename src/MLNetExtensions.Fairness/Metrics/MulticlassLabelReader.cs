using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;

namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// Reads a multiclass label column as 0-based class indices: a UInt32 key (key k is class k - 1; a missing key is an
/// error) or a number holding the index (NaN, a fraction or an index outside 0..classes-1 is an error naming the row).
/// </summary>
internal static class MulticlassLabelReader
{
    public static bool IsNumeric(DataViewType type) =>
        type == NumberDataViewType.Single || type == NumberDataViewType.Double || type == NumberDataViewType.Int32 || type == NumberDataViewType.Int64;

    public static List<int> Read(IDataView data, DataViewSchema.Column column, int classes)
    {
        var labels = new List<int>();
        using var cursor = data.GetRowCursor(new[] { column });
        if (column.Type is KeyDataViewType)
        {
            var getter = cursor.GetGetter<uint>(column);
            uint key = 0;
            while (cursor.MoveNext())
            {
                getter(ref key);
                if (key == 0)
                    throw new DataValidationException($"Label column '{column.Name}' has a missing key at row {labels.Count}.", column.Name, labels.Count);
                labels.Add((int)key - 1);
            }
            return labels;
        }
        var read = NumberGetter(cursor, column);
        while (cursor.MoveNext())
        {
            double v = read();
            long row = labels.Count;
            if (double.IsNaN(v))
                throw new DataValidationException($"Label column '{column.Name}' is NaN at row {row}; a multiclass label is a class index 0 to {classes - 1}.", column.Name, row);
            if (v != Math.Floor(v) || v < 0 || v >= classes)
                throw new DataValidationException($"Label column '{column.Name}' row {row} has {v}; expected a class index 0 to {classes - 1} (the predicted label's key count).", column.Name, row);
            labels.Add((int)v);
        }
        return labels;
    }

    private static Func<double> NumberGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type == NumberDataViewType.Single)
        {
            var g = cursor.GetGetter<float>(column);
            float v = 0;
            return () => { g(ref v); return v; };
        }
        if (column.Type == NumberDataViewType.Double)
        {
            var g = cursor.GetGetter<double>(column);
            double v = 0;
            return () => { g(ref v); return v; };
        }
        if (column.Type == NumberDataViewType.Int32)
        {
            var g = cursor.GetGetter<int>(column);
            int v = 0;
            return () => { g(ref v); return v; };
        }
        var l = cursor.GetGetter<long>(column);
        long lv = 0;
        return () => { l(ref lv); return lv; };
    }
}
