namespace MLNetExtensions.Debiasing.Evaluation;

/// <summary>
/// One user's test items ranked by score, highest first. Tie rule: equal scores keep the order of the rows in the
/// input (a stable sort; numpy's <c>argsort(-score, kind="stable")</c>), so results are deterministic.
/// </summary>
internal static class UserRanking
{
    /// <summary>The labels of <paramref name="rows"/> in ranked order.</summary>
    public static float[] RankedLabels(IReadOnlyList<int> rows, ReadOnlySpan<float> labels, ReadOnlySpan<float> scores)
    {
        var order = new int[rows.Count];
        var keys = new float[rows.Count];
        for (int j = 0; j < order.Length; j++)
        {
            order[j] = j;
            keys[j] = scores[rows[j]];
        }
        // Stable: sort positions by (score desc, position asc).
        Array.Sort(order, (a, b) =>
        {
            int c = keys[b].CompareTo(keys[a]);
            return c != 0 ? c : a.CompareTo(b);
        });
        var ranked = new float[order.Length];
        for (int j = 0; j < order.Length; j++)
            ranked[j] = labels[rows[order[j]]];
        return ranked;
    }
}
