namespace MLNetExtensions.Showcase;

/// <summary>The showcase generators' feature vectors: independent uniform draws on [-1.5, 1.5].</summary>
internal static class UniformFeatures
{
    public static float[] Draw(Random random, int count)
    {
        var features = new float[count];
        for (int j = 0; j < count; j++)
            features[j] = (float)(random.NextDouble() * 3 - 1.5);
        return features;
    }
}
