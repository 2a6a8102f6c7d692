using MLNetExtensions.Debiasing.Data;

namespace MLNetExtensions.Debiasing.Synthetic;

/// <summary>
/// Generates recommender feedback that is Missing-Not-At-Random, with the full truth known: true probabilities,
/// labels and observation propensities for every user-item pair, recomputed on demand from low-rank factors and
/// per-pair hashed draws (nothing of size users x items is stored). See <see cref="SyntheticMnarOptions"/> for the model.
/// </summary>
public static class SyntheticMnarGenerator
{
    /// <summary>Draws a data set; the same options and seed give the same data.</summary>
    public static SyntheticMnarData Generate(SyntheticMnarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var o = new SyntheticMnarOptions
        {
            Users = options.Users, Items = options.Items, Rank = options.Rank, LogitScale = options.LogitScale,
            LogitOffset = options.LogitOffset, BaseObservationRate = options.BaseObservationRate,
            PositiveObservationRatio = options.PositiveObservationRatio, PopularityExponent = options.PopularityExponent,
            MarTestItemsPerUser = options.MarTestItemsPerUser, MarSampleSize = options.MarSampleSize, Seed = options.Seed,
        };
        var random = new Random(o.Seed);
        var userFactors = Normals(random, o.Users * o.Rank);
        var itemFactors = Normals(random, o.Items * o.Rank);

        // Popularity: rank^-exponent over a random item order, scaled to mean 1.
        var order = Enumerable.Range(0, o.Items).ToArray();
        random.Shuffle(order);
        var popularity = new double[o.Items];
        for (int r = 0; r < o.Items; r++)
            popularity[order[r]] = Math.Pow(r + 1, -o.PopularityExponent);
        double mean = popularity.Average();
        for (int i = 0; i < o.Items; i++)
            popularity[i] /= mean;

        var truth = new SyntheticMnarData(o, userFactors, itemFactors, popularity);

        // Observed MNAR cells: one pass over all pairs, storing only the observed ones.
        var users = new List<int>();
        var items = new List<int>();
        var labels = new List<float>();
        var propensities = new List<double>();
        double propensitySum = 0, positives = 0;
        for (int u = 0; u < o.Users; u++)
        {
            for (int i = 0; i < o.Items; i++)
            {
                float y = truth.TrueLabel(u, i);
                double p = truth.TruePropensity(u, i, y);
                positives += y;
                propensitySum += p;
                if (PairRandom.Uniform(o.Seed, SyntheticMnarData.ObservationStream, u, i) < p)
                {
                    users.Add(u);
                    items.Add(i);
                    labels.Add(y);
                    propensities.Add(p);
                }
            }
        }
        var train = InteractionTable.Wrap(o.Users, o.Items, users.ToArray(), items.ToArray(), labels.ToArray());

        // MAR test: per user, items drawn uniformly without replacement (Coat's protocol).
        var testUsers = new int[o.Users * o.MarTestItemsPerUser];
        var testItems = new int[testUsers.Length];
        var testLabels = new float[testUsers.Length];
        var all = Enumerable.Range(0, o.Items).ToArray();
        for (int u = 0, k = 0; u < o.Users; u++)
        {
            for (int j = 0; j < o.MarTestItemsPerUser; j++)
            {
                // Partial Fisher-Yates: the first MarTestItemsPerUser slots become a uniform sample.
                int pick = random.Next(j, o.Items);
                (all[j], all[pick]) = (all[pick], all[j]);
            }
            foreach (int i in all.AsSpan(0, o.MarTestItemsPerUser).ToArray().Order())
            {
                testUsers[k] = u;
                testItems[k] = i;
                testLabels[k] = truth.TrueLabel(u, i);
                k++;
            }
        }
        var marTest = InteractionTable.Wrap(o.Users, o.Items, testUsers, testItems, testLabels);

        // Separate small MAR label sample: distinct uniform pairs (a held-out protocol; no test labels are used).
        var seen = new HashSet<long>();
        var sampleUsers = new int[o.MarSampleSize];
        var sampleItems = new int[o.MarSampleSize];
        var sampleLabels = new float[o.MarSampleSize];
        for (int k = 0; k < o.MarSampleSize;)
        {
            int u = random.Next(o.Users), i = random.Next(o.Items);
            if (!seen.Add((long)u * o.Items + i)) continue;
            sampleUsers[k] = u;
            sampleItems[k] = i;
            sampleLabels[k] = truth.TrueLabel(u, i);
            k++;
        }
        var marSample = InteractionTable.Wrap(o.Users, o.Items, sampleUsers, sampleItems, sampleLabels);

        double pairs = (double)o.Users * o.Items;
        truth.Complete(train, propensities.ToArray(), marTest, marSample, propensitySum / pairs, positives / pairs);
        return truth;
    }

    private static double[] Normals(Random random, int count)
    {
        var values = new double[count];
        for (int k = 0; k < count; k++)
        {
            // Box-Muller; 1 - NextDouble() is in (0, 1], so the log is finite.
            double a = 1.0 - random.NextDouble(), b = random.NextDouble();
            values[k] = Math.Sqrt(-2.0 * Math.Log(a)) * Math.Cos(2.0 * Math.PI * b);
        }
        return values;
    }
}
