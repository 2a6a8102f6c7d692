using MLNetExtensions.Data;

namespace MLNetExtensions.Debiasing.Data;

/// <summary>
/// Loads the Coat format: train.ascii and test.ascii are dense users x items rating matrices with 0 = missing;
/// propensities.ascii (same shape), user_features.ascii and item_features.ascii are optional. Rows are read
/// user by user, items in increasing order, so the tables' row order is deterministic.
/// </summary>
public static class CoatLoader
{
    /// <summary>The file that marks a Coat folder.</summary>
    public const string TrainFile = "train.ascii";

    /// <summary>Loads the Coat files in <paramref name="directory"/>.</summary>
    public static CoatDataset Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Coat folder '{directory}' does not exist.");
        var train = AsciiMatrix.Read(Path.Combine(directory, TrainFile));
        var test = AsciiMatrix.Read(Path.Combine(directory, "test.ascii"));
        int users = train.Length, items = train[0].Length;
        RequireShape(test, users, items, "test.ascii");
        double[]? propensities = null;
        var propensityPath = Path.Combine(directory, "propensities.ascii");
        if (File.Exists(propensityPath))
        {
            var p = AsciiMatrix.Read(propensityPath);
            RequireShape(p, users, items, "propensities.ascii");
            propensities = p.SelectMany(r => r).ToArray();
        }
        return new CoatDataset(ToTable(train, items, "train.ascii"), ToTable(test, items, "test.ascii"), propensities,
            ReadFeatures(Path.Combine(directory, "user_features.ascii"), users), ReadFeatures(Path.Combine(directory, "item_features.ascii"), items));
    }

    /// <summary>Cells of a dense rating matrix with a non-zero value, as (user, item, rating) rows.</summary>
    public static InteractionTable FromDenseMatrix(IReadOnlyList<double[]> matrix, string source = "matrix")
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Count == 0)
            throw new ArgumentException("The rating matrix has no rows.", nameof(matrix));
        int items = matrix[0].Length;
        RequireShape(matrix, matrix.Count, items, source);
        return ToTable(matrix, items, source);
    }

    private static InteractionTable ToTable(IReadOnlyList<double[]> matrix, int items, string source)
    {
        var u = new List<int>();
        var i = new List<int>();
        var y = new List<float>();
        for (int user = 0; user < matrix.Count; user++)
        {
            for (int item = 0; item < items; item++)
            {
                double v = matrix[user][item];
                if (v == 0) continue; // 0 marks a missing rating in the Coat format
                if (v < 0 || !double.IsFinite(v))
                    throw new DataValidationException($"{source}: row {user}, column {item} holds {v}; ratings must be positive (0 = missing).", $"{source} column {item}", user);
                u.Add(user);
                i.Add(item);
                y.Add((float)v);
            }
        }
        return InteractionTable.Wrap(matrix.Count, items, u.ToArray(), i.ToArray(), y.ToArray());
    }

    private static void RequireShape(IReadOnlyList<double[]> matrix, int users, int items, string name)
    {
        if (matrix.Count != users || matrix.Any(r => r.Length != items))
            throw new DataValidationException($"{name} is {matrix.Count} x {matrix[0].Length}; expected {users} x {items} like train.ascii.");
    }

    private static float[][] ReadFeatures(string path, int expectedRows)
    {
        if (!File.Exists(path))
            return Array.Empty<float[]>();
        var rows = AsciiMatrix.Read(path);
        if (rows.Length != expectedRows)
            throw new DataValidationException($"{Path.GetFileName(path)} has {rows.Length} rows; expected {expectedRows} (one per user/item).");
        return rows.Select(r => r.Select(v => (float)v).ToArray()).ToArray();
    }
}
