namespace MLNetExtensions.Showcase;

/// <summary>Receiver operating characteristic points from scores and labels (for plotting).</summary>
public static class RocCurve
{
    /// <summary>False- and true-positive rates at every distinct score threshold, from (0,0) to (1,1).</summary>
    public static (double[] FalsePositiveRate, double[] TruePositiveRate) Compute(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        double positives = labels.Count(l => l), negatives = labels.Count - positives;
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        double tp = 0, fp = 0;
        for (int k = 0; k < order.Length; k++)
        {
            if (labels[order[k]]) tp++; else fp++;
            bool lastOfTie = k == order.Length - 1 || scores[order[k + 1]] != scores[order[k]];
            if (lastOfTie)
            {
                fpr.Add(negatives > 0 ? fp / negatives : 0);
                tpr.Add(positives > 0 ? tp / positives : 0);
            }
        }
        return (fpr.ToArray(), tpr.ToArray());
    }
}
