using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetExtensions.Data;

/// <summary>
/// Reads one row's float scalar, known-size float vector or key (as its 1-based value) into a span, rejecting
/// NaN/Inf and missing keys.
/// </summary>
public delegate void FloatColumnReader(Span<float> destination, long row);

/// <summary>Builds <see cref="FloatColumnReader"/>s over rows and cursors.</summary>
public static class FloatColumnReaders
{
    /// <summary>A reader of <paramref name="column"/> (float scalar or float vector of <paramref name="width"/>) on <paramref name="row"/>.</summary>
    public static FloatColumnReader Create(DataViewRow row, DataViewSchema.Column column, int width)
    {
        string name = column.Name;
        if (column.Type == NumberDataViewType.Single)
        {
            var scalar = row.GetGetter<float>(column);
            return (dst, index) =>
            {
                float v = 0;
                scalar(ref v);
                if (!float.IsFinite(v))
                    throw NonFinite(name, index, 0, v);
                dst[0] = v;
            };
        }
        if (column.Type is KeyDataViewType { RawType: var raw } && raw == typeof(uint))
        {
            // Keys (user/item indices) travel as their 1-based value; BuildSchema caps the count at 2^24 so floats hold it exactly.
            var key = row.GetGetter<uint>(column);
            return (dst, index) =>
            {
                uint v = 0;
                key(ref v);
                if (v == 0)
                    throw new DataValidationException(
                        $"Column '{name}' has a missing key at row {index} (key value 0: a value that was not in the key's " +
                        "dictionary, e.g. a user or item unseen in training).", name, index);
                dst[0] = v;
            };
        }
        var getter = row.GetGetter<VBuffer<float>>(column);
        var buffer = default(VBuffer<float>);
        return (dst, index) =>
        {
            getter(ref buffer);
            if (buffer.Length != width)
                throw new DataValidationException(
                    $"Column '{name}' has {buffer.Length} values at row {index}; {width} were expected.", name, index);
            var values = buffer.GetValues();
            if (buffer.IsDense)
            {
                for (int i = 0; i < values.Length; i++)
                    if (!float.IsFinite(values[i]))
                        throw NonFinite(name, index, i, values[i]);
                values.CopyTo(dst);
            }
            else
            {
                dst.Slice(0, width).Clear();
                var indices = buffer.GetIndices();
                for (int i = 0; i < values.Length; i++)
                {
                    if (!float.IsFinite(values[i]))
                        throw NonFinite(name, index, indices[i], values[i]);
                    dst[indices[i]] = values[i];
                }
            }
        };
    }

    private static DataValidationException NonFinite(string column, long row, int slot, float value) =>
        new($"Column '{column}' has a non-finite value ({value}) at row {row}, slot {slot}. " +
            "Remove or impute missing values first (for example mlContext.Transforms.ReplaceMissingValues).", column, row);
}
