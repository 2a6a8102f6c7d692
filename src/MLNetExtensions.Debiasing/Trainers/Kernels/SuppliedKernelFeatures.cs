using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;
using static TorchSharp.torch;

namespace MLNetExtensions.Debiasing.Trainers.Kernels;

/// <summary>
/// Kernel features from user-supplied columns (options UserKernelFeatureColumnName and ItemKernelFeatureColumnName) instead
/// of pretrained-MF embeddings: one known-size Single vector per user and per item, read from the training rows. A user's
/// (item's) vector must be the same on all its rows, finite, and every user and item must have a row (the sampled pairs
/// D_b cover the whole catalogue). Errors name the column (and the row).
/// </summary>
internal static class SuppliedKernelFeatures
{
    /// <summary>Checks a feature column exists and is a known-size vector of Single; returns its length.</summary>
    public static int RequireColumn(DataViewSchema schema, string name, string what)
    {
        var column = schema.GetColumnOrNull(name) ?? throw new ArgumentException(
            $"Kernel feature column '{name}' (the {what} features) is not in the training data.", name);
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType vectorItem, IsKnownSize: true } vector || vectorItem != NumberDataViewType.Single)
            throw new ArgumentException(
                $"Kernel feature column '{name}' has type {column.Type}; expected a known-size vector of Single (one feature vector per {what}).", name);
        return vector.Size;
    }

    /// <summary>Reads both tables and scales them as <see cref="KernelFeatureTable"/> does.</summary>
    public static KernelFeatureTable Read(IDataView input, DebiasedMatrixFactorizationOptions options, int userCount, int itemCount, Device device)
    {
        var (users, userDimension) = ReadTable(input, options.UserColumnName, options.UserKernelFeatureColumnName!, userCount, "user");
        var (items, itemDimension) = ReadTable(input, options.ItemColumnName, options.ItemKernelFeatureColumnName!, itemCount, "item");
        return new KernelFeatureTable(users, userCount, userDimension, items, itemCount, itemDimension, device);
    }

    /// <summary>A count x dimension row-major table of the feature vectors of each key (0-based key index).</summary>
    internal static (float[] Values, int Dimension) ReadTable(IDataView input, string keyColumnName, string featureColumnName, int count, string what)
    {
        int dimension = RequireColumn(input.Schema, featureColumnName, what);
        var keyColumn = input.Schema[keyColumnName];
        var featureColumn = input.Schema[featureColumnName];
        var values = new float[(long)count * dimension];
        var seen = new bool[count];
        var current = new float[dimension];
        using var cursor = input.GetRowCursor(new[] { keyColumn, featureColumn });
        var keyGetter = cursor.GetGetter<uint>(keyColumn);
        var featureGetter = cursor.GetGetter<VBuffer<float>>(featureColumn);
        uint key = 0;
        VBuffer<float> buffer = default;
        long row = 0;
        for (; cursor.MoveNext(); row++)
        {
            keyGetter(ref key);
            featureGetter(ref buffer);
            if (key == 0 || key > count)
                throw new DataValidationException($"Column '{keyColumnName}' has a missing or out-of-range key at row {row}.", keyColumnName, row);
            int j = 0;
            foreach (float v in buffer.DenseValues())
            {
                if (!float.IsFinite(v))
                    throw new DataValidationException(
                        $"Column '{featureColumnName}' has value {v} at row {row}, position {j}; kernel features must be finite.", featureColumnName, row);
                current[j++] = v;
            }
            int index = (int)key - 1;
            var target = values.AsSpan(index * dimension, dimension);
            if (!seen[index])
            {
                current.CopyTo(target);
                seen[index] = true;
            }
            else if (!target.SequenceEqual(current))
            {
                throw new DataValidationException(
                    $"Column '{featureColumnName}' gives {what} {index} (key {key}) a different feature vector at row {row} than on its earlier rows; " +
                    $"a {what}'s kernel features must be the same on every row.", featureColumnName, row);
            }
        }
        int missing = Array.IndexOf(seen, false);
        if (missing >= 0)
            throw new DataValidationException(
                $"Column '{featureColumnName}': {what} {missing} (key {missing + 1}) has no training rows, so it has no kernel features, but the sampled " +
                $"pairs cover every {what}. Give every {what} a row, or leave the kernel feature columns null (pretrained-MF features).", featureColumnName);
        return (values, dimension);
    }
}
