using System.Globalization;
using MLNetExtensions.Data;

namespace MLNetExtensions.Debiasing.Data;

/// <summary>
/// Loads the Yahoo! R3 format: one "user item rating" line per rating, separated by tabs or spaces, ids 1-based
/// (stored 0-based). Counts are the largest ids seen unless given, so train and test loaded together share them.
/// </summary>
public static class YahooR3Loader
{
    /// <summary>Loads one file; ids above <paramref name="userCount"/> / <paramref name="itemCount"/> (when given) are errors.</summary>
    public static InteractionTable Load(string path, int? userCount = null, int? itemCount = null)
    {
        var (u, i, y) = ReadLines(path);
        return Build(path, u, i, y, userCount ?? (u.Count == 0 ? 1 : u.Max() + 1), itemCount ?? (i.Count == 0 ? 1 : i.Max() + 1));
    }

    /// <summary>Loads a train and a test file with common user and item counts (the largest ids in either file unless given).</summary>
    public static (InteractionTable Train, InteractionTable Test) LoadPair(string trainPath, string testPath, int? userCount = null, int? itemCount = null)
    {
        var train = ReadLines(trainPath);
        var test = ReadLines(testPath);
        int users = userCount ?? Math.Max(train.Users.DefaultIfEmpty(0).Max(), test.Users.DefaultIfEmpty(0).Max()) + 1;
        int items = itemCount ?? Math.Max(train.Items.DefaultIfEmpty(0).Max(), test.Items.DefaultIfEmpty(0).Max()) + 1;
        return (Build(trainPath, train.Users, train.Items, train.Labels, users, items), Build(testPath, test.Users, test.Items, test.Labels, users, items));
    }

    private static (List<int> Users, List<int> Items, List<float> Labels) ReadLines(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Rating file '{path}' was not found.", path);
        var users = new List<int>();
        var items = new List<int>();
        var labels = new List<float>();
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
                continue;
            long row = labels.Count;
            if (fields.Length != 3)
                throw new DataValidationException($"File '{path}' line {line} has {fields.Length} fields; expected 'user item rating'.", null, row);
            users.Add(ParseId(fields[0], path, line, "user", row));
            items.Add(ParseId(fields[1], path, line, "item", row));
            if (!float.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var rating) || !float.IsFinite(rating))
                throw new DataValidationException($"File '{path}' line {line}: rating '{fields[2]}' is not a finite number.", InteractionColumns.Label, row);
            labels.Add(rating);
        }
        return (users, items, labels);
    }

    private static int ParseId(string field, string path, int line, string what, long row)
    {
        if (!int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || id < 1)
            throw new DataValidationException(
                $"File '{path}' line {line}: {what} id '{field}' is not an integer >= 1 (Yahoo! R3 ids are 1-based).",
                what == "user" ? InteractionColumns.User : InteractionColumns.Item, row);
        return id - 1;
    }

    private static InteractionTable Build(string path, List<int> users, List<int> items, List<float> labels, int userCount, int itemCount)
    {
        for (int r = 0; r < users.Count; r++)
        {
            if (users[r] >= userCount)
                throw new DataValidationException($"File '{path}' row {r}: user id {users[r] + 1} exceeds the user count {userCount}.", InteractionColumns.User, r);
            if (items[r] >= itemCount)
                throw new DataValidationException($"File '{path}' row {r}: item id {items[r] + 1} exceeds the item count {itemCount}.", InteractionColumns.Item, r);
        }
        return InteractionTable.Wrap(userCount, itemCount, users.ToArray(), items.ToArray(), labels.ToArray());
    }
}
