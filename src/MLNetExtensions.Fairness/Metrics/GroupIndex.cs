namespace MLNetExtensions.Fairness.Metrics;

/// <summary>
/// Intersectional groups as dense ids: the Cartesian product of the grouping attributes' levels, keeping only the
/// combinations that occur. Ids follow the levels' order (first attribute slowest). Two passes over the rows, no
/// per-row allocation: a mixed-radix key per row, then a key-to-id table (an array when the product of level counts
/// is small, a dictionary otherwise).
/// </summary>
internal sealed class GroupIndex
{
    private GroupIndex(int[] rowGroups, int[][] groupLevels, long[] counts)
    {
        RowGroups = rowGroups;
        GroupLevels = groupLevels;
        Counts = counts;
    }

    /// <summary>Per row: its group id.</summary>
    public int[] RowGroups { get; }

    /// <summary>Per group: the level code of each grouping attribute.</summary>
    public int[][] GroupLevels { get; }

    /// <summary>Per group: its row count.</summary>
    public long[] Counts { get; }

    /// <summary>The number of groups.</summary>
    public int GroupCount => Counts.Length;

    public static GroupIndex Build(IReadOnlyList<SensitiveAttribute> grouping, int rows)
    {
        var radix = grouping.Select(a => (long)a.Levels.Count).ToArray();
        long product = 1;
        foreach (var r in radix)
        {
            // The keys must fit a long; beyond that they would collide and merge groups silently.
            if (product > long.MaxValue / Math.Max(r, 1))
                throw new ArgumentException(
                    $"The sensitive columns {string.Join(", ", grouping.Select(a => $"'{a.Name}' ({a.Levels.Count} levels)"))} have too many level combinations to index.");
            product *= Math.Max(r, 1);
        }
        var keys = new long[rows];
        for (int a = 0; a < grouping.Count; a++)
        {
            var codes = grouping[a].Codes!;
            long r = radix[a];
            for (int i = 0; i < rows; i++)
                keys[i] = keys[i] * r + codes[i];
        }

        var rowGroups = new int[rows];
        long[] sortedKeys;
        if (product <= 1 << 22)
        {
            // Dense table: mark the keys present, number them in key order, map each row.
            var table = new int[product];
            foreach (var k in keys) table[k] = 1;
            int next = 0;
            var present = new List<long>();
            for (long k = 0; k < product; k++)
            {
                if (table[k] == 0) continue;
                table[k] = next++;
                present.Add(k);
            }
            for (int i = 0; i < rows; i++)
                rowGroups[i] = table[keys[i]];
            sortedKeys = present.ToArray();
        }
        else
        {
            var map = new Dictionary<long, int>();
            foreach (var k in keys) map.TryAdd(k, 0);
            sortedKeys = map.Keys.Order().ToArray();
            for (int g = 0; g < sortedKeys.Length; g++) map[sortedKeys[g]] = g;
            for (int i = 0; i < rows; i++)
                rowGroups[i] = map[keys[i]];
        }

        var counts = new long[sortedKeys.Length];
        foreach (int g in rowGroups) counts[g]++;
        var levels = new int[sortedKeys.Length][];
        for (int g = 0; g < sortedKeys.Length; g++)
        {
            levels[g] = new int[grouping.Count];
            long k = sortedKeys[g];
            for (int a = grouping.Count - 1; a >= 0; a--)
            {
                levels[g][a] = (int)(k % radix[a]);
                k /= radix[a];
            }
        }
        return new GroupIndex(rowGroups, levels, counts);
    }
}
