using FsCheck;
using FsCheck.Xunit;
using MLNetExtensions.Debiasing.Evaluation;

namespace MLNetExtensions.Tests.Debiasing.Evaluation;

/// <summary>Invariants of the ranking metrics for every drawn test set (FsCheck draws size, seed and K).</summary>
public class RecommenderPropertyTests
{
    private static (int[] Users, float[] Labels, float[] Scores) Draw(int n, int seed, int users, bool coarse)
    {
        var random = new Random(seed);
        var u = new int[n];
        var y = new float[n];
        var s = new float[n];
        for (int r = 0; r < n; r++)
        {
            u[r] = random.Next(users);
            y[r] = random.NextDouble() < 0.4 ? 1f : 0f;
            // Coarse scores create many ties.
            s[r] = coarse ? random.Next(4) / 3f : (float)random.NextDouble();
        }
        return (u, y, s);
    }

    [Property(MaxTest = 60)]
    public bool MetricsAreInRangeAndRecallGrowsWithK(PositiveInt n, int seed, byte users, bool coarse)
    {
        var (u, y, s) = Draw(1 + n.Get % 200, seed, 1 + users % 12, coarse);
        var m = RecommenderEvaluator.Evaluate(u, y, s, new RecommenderEvaluationOptions { TopK = new[] { 1, 3, 10 } });
        bool InUnit(double? v) => v is null || (v >= 0 && v <= 1 + 1e-12);
        return m.MeanSquaredError >= 0 && m.MeanSquaredError <= 1 && InUnit(m.Auc)
               && m.Ndcg.Values.All(InUnit) && m.Recall.Values.All(InUnit) && m.Precision.Values.All(InUnit)
               && (m.Recall[1] is null || (m.Recall[1] <= m.Recall[3] + 1e-12 && m.Recall[3] <= m.Recall[10] + 1e-12))
               && m.UsersEvaluated + m.UsersWithoutPositives == m.Users;
    }

    [Property(MaxTest = 60)]
    public bool PerfectScoresGiveOneAndReversedAucIsTheComplement(PositiveInt n, int seed, byte users)
    {
        var (u, y, s) = Draw(2 + n.Get % 200, seed, 1 + users % 12, coarse: false);
        var perfect = RecommenderEvaluator.Evaluate(u, y, y, new RecommenderEvaluationOptions { TopK = new[] { 5 } });
        var flipped = s.Select(v => 1f - v).ToArray();
        var auc = GlobalAuc.Compute(y, s);
        var reversed = GlobalAuc.Compute(y, flipped);
        return (perfect.Ndcg[5] is null || Math.Abs(perfect.Ndcg[5]!.Value - 1) < 1e-12)
               && (perfect.Auc is null || perfect.Auc == 1.0)
               && (auc is null || Math.Abs(auc.Value + reversed!.Value - 1) < 1e-9);
    }
}
