using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetExtensions.Data;

namespace MLNetExtensions.Debiasing.Data;

/// <summary>
/// Observed user-item feedback in memory: one row per (user, item, label), users and items as dense 0-based
/// indices below <see cref="UserCount"/> and <see cref="ItemCount"/>. The counts define the set of all pairs D
/// (|D| = users x items) that debiased losses refer to, so they are kept even for users or items without rows.
/// Converts to and from an <see cref="IDataView"/> with UInt32 key columns (key value = index + 1), as ML.NET's
/// matrix factorisation expects.
/// </summary>
public sealed class InteractionTable
{
    private readonly int[] _users;
    private readonly int[] _items;
    private readonly float[] _labels;

    /// <summary>Creates a table; arrays are copied. Throws for indices out of range or non-finite labels.</summary>
    public InteractionTable(int userCount, int itemCount, IReadOnlyList<int> users, IReadOnlyList<int> items, IReadOnlyList<float> labels)
        : this(userCount, itemCount, users.ToArray(), items.ToArray(), labels.ToArray(), validate: true)
    {
    }

    private InteractionTable(int userCount, int itemCount, int[] users, int[] items, float[] labels, bool validate)
    {
        if (userCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(userCount), userCount, "The user count must be positive.");
        if (itemCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(itemCount), itemCount, "The item count must be positive.");
        if (users.Length != items.Length || users.Length != labels.Length)
            throw new ArgumentException($"users ({users.Length}), items ({items.Length}) and labels ({labels.Length}) must have the same length.");
        if (validate)
        {
            for (int r = 0; r < users.Length; r++)
            {
                if ((uint)users[r] >= (uint)userCount)
                    throw new DataValidationException($"Column '{InteractionColumns.User}' has user index {users[r]} at row {r}; valid indices are 0 to {userCount - 1}.", InteractionColumns.User, r);
                if ((uint)items[r] >= (uint)itemCount)
                    throw new DataValidationException($"Column '{InteractionColumns.Item}' has item index {items[r]} at row {r}; valid indices are 0 to {itemCount - 1}.", InteractionColumns.Item, r);
                if (!float.IsFinite(labels[r]))
                    throw new DataValidationException($"Column '{InteractionColumns.Label}' has a non-finite value ({labels[r]}) at row {r}.", InteractionColumns.Label, r);
            }
        }
        UserCount = userCount;
        ItemCount = itemCount;
        _users = users;
        _items = items;
        _labels = labels;
    }

    /// <summary>Trusted construction (arrays already checked, not copied).</summary>
    internal static InteractionTable Wrap(int userCount, int itemCount, int[] users, int[] items, float[] labels) =>
        new(userCount, itemCount, users, items, labels, validate: false);

    /// <summary>Number of users (rows of the full user x item matrix).</summary>
    public int UserCount { get; }

    /// <summary>Number of items (columns of the full user x item matrix).</summary>
    public int ItemCount { get; }

    /// <summary>Number of rows (observed cells).</summary>
    public int Count => _labels.Length;

    /// <summary>|D| = users x items, the number of all pairs.</summary>
    public long PairCount => (long)UserCount * ItemCount;

    /// <summary>0-based user index of each row.</summary>
    public ReadOnlySpan<int> Users => _users;

    /// <summary>0-based item index of each row.</summary>
    public ReadOnlySpan<int> Items => _items;

    /// <summary>Label of each row (a rating, or 0/1 after <see cref="Binarize"/>).</summary>
    public ReadOnlySpan<float> Labels => _labels;

    internal int[] UserArray => _users;
    internal int[] ItemArray => _items;
    internal float[] LabelArray => _labels;

    /// <summary>Observed share of all pairs, |O| / |D|.</summary>
    public double Density => Count / (double)PairCount;

    /// <summary>Maps the labels to 0/1 with <paramref name="rule"/>; throws for a label outside the rule's range.</summary>
    public InteractionTable Binarize(RatingBinarization rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var labels = new float[Count];
        for (int r = 0; r < labels.Length; r++)
            labels[r] = rule.Apply(_labels[r], InteractionColumns.Label, r);
        return Wrap(UserCount, ItemCount, _users, _items, labels);
    }

    /// <summary>Throws a <see cref="DataValidationException"/> naming the first row whose label is not 0 or 1.</summary>
    public void RequireBinaryLabels(string what = "The table")
    {
        for (int r = 0; r < _labels.Length; r++)
            if (_labels[r] != 0f && _labels[r] != 1f)
                throw new DataValidationException(
                    $"{what}: column '{InteractionColumns.Label}' has value {_labels[r]} at row {r}; 0/1 labels are required " +
                    "(binarise ratings first with InteractionTable.Binarize and a RatingBinarization).", InteractionColumns.Label, r);
    }

    /// <summary>
    /// Splits the rows at random: a share <paramref name="fraction"/> (rounded, at least one row when the fraction is
    /// positive) goes to <c>Selected</c>, the rest to <c>Remainder</c>. Both keep the user and item counts. Used to take a
    /// small MAR label sample for Naive-Bayes propensities.
    /// </summary>
    public (InteractionTable Selected, InteractionTable Remainder) SplitRandom(double fraction, int seed)
    {
        if (!(fraction >= 0 && fraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction must be in [0, 1].");
        int take = (int)Math.Round(fraction * Count);
        if (fraction > 0 && Count > 0) take = Math.Max(take, 1);
        var order = Enumerable.Range(0, Count).ToArray();
        new Random(seed).Shuffle(order);
        // Keep the original row order inside each part, so results do not depend on the shuffle beyond membership.
        var selected = order.Take(take).Order().ToArray();
        var rest = order.Skip(take).Order().ToArray();
        return (Subset(selected), Subset(rest));
    }

    /// <summary>The rows at <paramref name="rows"/>, in that order.</summary>
    public InteractionTable Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var users = new int[rows.Count];
        var items = new int[rows.Count];
        var labels = new float[rows.Count];
        for (int k = 0; k < rows.Count; k++)
        {
            int r = rows[k];
            if ((uint)r >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(rows), r, $"Row {r} is outside the table (0 to {Count - 1}).");
            users[k] = _users[r];
            items[k] = _items[r];
            labels[k] = _labels[r];
        }
        return Wrap(UserCount, ItemCount, users, items, labels);
    }

    /// <summary>
    /// The table as a data view: <paramref name="userColumnName"/> and <paramref name="itemColumnName"/> are UInt32 keys
    /// with <see cref="UserCount"/> / <see cref="ItemCount"/> values (key = index + 1), <paramref name="labelColumnName"/> a Single.
    /// </summary>
    public IDataView ToDataView(MLContext mlContext, string userColumnName = InteractionColumns.User,
        string itemColumnName = InteractionColumns.Item, string labelColumnName = InteractionColumns.Label)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        var definition = SchemaDefinition.Create(typeof(InteractionRow));
        // Take the columns first: the indexer looks columns up by their (about to change) names.
        var user = definition[nameof(InteractionRow.User)];
        var item = definition[nameof(InteractionRow.Item)];
        var label = definition[nameof(InteractionRow.Label)];
        user.ColumnName = userColumnName;
        user.ColumnType = new KeyDataViewType(typeof(uint), UserCount);
        item.ColumnName = itemColumnName;
        item.ColumnType = new KeyDataViewType(typeof(uint), ItemCount);
        label.ColumnName = labelColumnName;
        return mlContext.Data.LoadFromEnumerable(Rows(), definition);
    }

    /// <summary>
    /// As <see cref="ToDataView(MLContext, string, string, string)"/>, plus two Single vector columns holding each row's user
    /// and item feature vector (e.g. Coat's user_features / item_features), for the trainers' kernel feature options.
    /// <paramref name="userFeatures"/> has one vector per user (all of one length), <paramref name="itemFeatures"/> one per item.
    /// </summary>
    public IDataView ToDataView(MLContext mlContext, IReadOnlyList<float[]> userFeatures, IReadOnlyList<float[]> itemFeatures,
        string userFeatureColumnName = InteractionColumns.UserFeatures, string itemFeatureColumnName = InteractionColumns.ItemFeatures,
        string userColumnName = InteractionColumns.User, string itemColumnName = InteractionColumns.Item, string labelColumnName = InteractionColumns.Label)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        int userLength = FeatureLength(userFeatures, UserCount, "user", nameof(userFeatures));
        int itemLength = FeatureLength(itemFeatures, ItemCount, "item", nameof(itemFeatures));
        var definition = SchemaDefinition.Create(typeof(FeatureInteractionRow));
        var user = definition[nameof(FeatureInteractionRow.User)];
        var item = definition[nameof(FeatureInteractionRow.Item)];
        var label = definition[nameof(FeatureInteractionRow.Label)];
        var userVector = definition[nameof(FeatureInteractionRow.UserFeatures)];
        var itemVector = definition[nameof(FeatureInteractionRow.ItemFeatures)];
        user.ColumnName = userColumnName;
        user.ColumnType = new KeyDataViewType(typeof(uint), UserCount);
        item.ColumnName = itemColumnName;
        item.ColumnType = new KeyDataViewType(typeof(uint), ItemCount);
        label.ColumnName = labelColumnName;
        userVector.ColumnName = userFeatureColumnName;
        userVector.ColumnType = new VectorDataViewType(NumberDataViewType.Single, userLength);
        itemVector.ColumnName = itemFeatureColumnName;
        itemVector.ColumnType = new VectorDataViewType(NumberDataViewType.Single, itemLength);
        var rows = Enumerable.Range(0, _labels.Length).Select(r => new FeatureInteractionRow
        {
            User = (uint)_users[r], Item = (uint)_items[r], Label = _labels[r],
            UserFeatures = userFeatures[_users[r]], ItemFeatures = itemFeatures[_items[r]],
        });
        return mlContext.Data.LoadFromEnumerable(rows, definition);
    }

    private static int FeatureLength(IReadOnlyList<float[]> features, int count, string what, string parameter)
    {
        ArgumentNullException.ThrowIfNull(features, parameter);
        if (features.Count != count)
            throw new ArgumentException($"{parameter} holds {features.Count} vectors; the table has {count} {what}s.", parameter);
        int length = features.Count == 0 ? 0 : features[0]?.Length ?? 0;
        for (int r = 0; r < features.Count; r++)
            if (features[r] is null || features[r].Length != length || length == 0)
                throw new ArgumentException($"{parameter}[{r}] must be a non-empty vector of length {length} (as the first {what}'s).", parameter);
        return length;
    }

    private IEnumerable<InteractionRow> Rows()
    {
        for (int r = 0; r < _labels.Length; r++)
            // LoadFromEnumerable takes key fields 0-based and stores them as 1-based keys (found by test).
            yield return new InteractionRow { User = (uint)_users[r], Item = (uint)_items[r], Label = _labels[r] };
    }

    /// <summary>
    /// Reads a data view with UInt32 key columns for user and item (their key counts become the user and item counts)
    /// and a Single or Boolean label. Missing keys and non-finite labels throw, naming the column and row.
    /// </summary>
    public static InteractionTable FromDataView(IDataView data, string userColumnName = InteractionColumns.User,
        string itemColumnName = InteractionColumns.Item, string labelColumnName = InteractionColumns.Label) =>
        Read(data, userColumnName, itemColumnName, labelColumnName ?? throw new ArgumentNullException(nameof(labelColumnName)));

    /// <summary>As <see cref="FromDataView"/>; without a label column (null) the labels are all 0.</summary>
    internal static InteractionTable Read(IDataView data, string userColumnName, string itemColumnName, string? labelColumnName)
    {
        ArgumentNullException.ThrowIfNull(data);
        var userColumn = ColumnInfo.Require(data.Schema, userColumnName, "User");
        var itemColumn = ColumnInfo.Require(data.Schema, itemColumnName, "Item");
        int userCount = KeyCount(userColumn, "User");
        int itemCount = KeyCount(itemColumn, "Item");
        var labelColumn = labelColumnName is null ? (DataViewSchema.Column?)null : ColumnInfo.Require(data.Schema, labelColumnName, "Label");
        bool booleanLabel = labelColumn?.Type == BooleanDataViewType.Instance;
        if (labelColumn is { } lc && !booleanLabel && lc.Type != NumberDataViewType.Single)
            throw new ArgumentException(
                $"Label column '{labelColumnName}' has type {lc.Type}; expected Single (a rating or 0/1) or Boolean.", labelColumnName);

        var users = new List<int>();
        var items = new List<int>();
        var labels = new List<float>();
        var needed = labelColumn is { } l ? new[] { userColumn, itemColumn, l } : new[] { userColumn, itemColumn };
        using var cursor = data.GetRowCursor(needed);
        var userGetter = cursor.GetGetter<uint>(userColumn);
        var itemGetter = cursor.GetGetter<uint>(itemColumn);
        var floatGetter = labelColumn is { } f && !booleanLabel ? cursor.GetGetter<float>(f) : null;
        var boolGetter = labelColumn is { } b2 && booleanLabel ? cursor.GetGetter<bool>(b2) : null;
        uint u = 0, i = 0;
        float y = 0;
        bool b = false;
        long row = 0;
        while (cursor.MoveNext())
        {
            userGetter(ref u);
            itemGetter(ref i);
            if (u == 0)
                throw MissingKey(userColumnName, "user", row);
            if (i == 0)
                throw MissingKey(itemColumnName, "item", row);
            if (boolGetter is not null)
            {
                boolGetter(ref b);
                y = b ? 1f : 0f;
            }
            else if (floatGetter is not null)
            {
                floatGetter(ref y);
                if (!float.IsFinite(y))
                    throw new DataValidationException($"Column '{labelColumnName}' has a non-finite value ({y}) at row {row}.", labelColumnName, row);
            }
            users.Add((int)u - 1);
            items.Add((int)i - 1);
            labels.Add(y);
            row++;
        }
        return Wrap(userCount, itemCount, users.ToArray(), items.ToArray(), labels.ToArray());
    }

    /// <summary>The value count of a UInt32 key column, or an error naming the column.</summary>
    internal static int KeyCount(DataViewSchema.Column column, string role)
    {
        if (column.Type is KeyDataViewType key && key.RawType == typeof(uint) && key.Count > 0 && key.Count <= int.MaxValue)
            return (int)key.Count;
        throw new ArgumentException(
            $"{role} column '{column.Name}' has type {column.Type}; expected a UInt32 key with a known count (ML.NET's matrix-factorisation " +
            $"convention). Use mlContext.Transforms.Conversion.MapValueToKey(\"{column.Name}\") or InteractionTable.ToDataView.", column.Name);
    }

    private static DataValidationException MissingKey(string column, string what, long row) =>
        new($"Column '{column}' has a missing key at row {row} (key value 0: a {what} not in the key's dictionary).", column, row);

    private sealed class FeatureInteractionRow
    {
        public uint User { get; set; }
        public uint Item { get; set; }
        public float Label { get; set; }
        public float[] UserFeatures { get; set; } = Array.Empty<float>();
        public float[] ItemFeatures { get; set; } = Array.Empty<float>();
    }

    private sealed class InteractionRow
    {
        public uint User { get; set; }
        public uint Item { get; set; }
        public float Label { get; set; }
    }
}
