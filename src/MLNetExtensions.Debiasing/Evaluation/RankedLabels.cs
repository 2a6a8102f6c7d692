namespace MLNetExtensions.Debiasing.Evaluation;

/// <summary>Checks shared by the per-user ranking metrics.</summary>
internal static class RankedLabels
{
    /// <summary>Throws unless every label is 0 or 1 and K is at least 1; returns the number of positives.</summary>
    public static int CountPositives(ReadOnlySpan<float> rankedLabels, int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "K must be at least 1.");
        int positives = 0;
        for (int j = 0; j < rankedLabels.Length; j++)
        {
            if (rankedLabels[j] == 1f) positives++;
            else if (rankedLabels[j] != 0f)
                throw new ArgumentException($"Label at rank {j + 1} is {rankedLabels[j]}; 0/1 labels are required.", nameof(rankedLabels));
        }
        return positives;
    }
}
