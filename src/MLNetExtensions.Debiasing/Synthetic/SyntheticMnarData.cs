using MLNetExtensions.Debiasing.Data;
using MLNetExtensions.Debiasing.Evaluation;

namespace MLNetExtensions.Debiasing.Synthetic;

/// <summary>
/// A generated MNAR data set with its full ground truth: the observed training cells, a MAR test set, a small
/// separate MAR label sample, and, for every pair, the true probability, label and propensity (computed on demand).
/// Labels are 0/1.
/// </summary>
public sealed class SyntheticMnarData
{
    internal const int LabelStream = 1;
    internal const int ObservationStream = 2;

    private readonly double[] _userFactors;
    private readonly double[] _itemFactors;
    private readonly double[] _popularity;
    private double[] _trainPropensities = Array.Empty<double>();

    internal SyntheticMnarData(SyntheticMnarOptions options, double[] userFactors, double[] itemFactors, double[] popularity)
    {
        Options = options;
        _userFactors = userFactors;
        _itemFactors = itemFactors;
        _popularity = popularity;
        Train = MarTest = MarSample = InteractionTable.Wrap(1, 1, Array.Empty<int>(), Array.Empty<int>(), Array.Empty<float>());
    }

    internal void Complete(InteractionTable train, double[] trainPropensities, InteractionTable marTest, InteractionTable marSample,
        double expectedObservationRate, double positiveRate)
    {
        Train = train;
        _trainPropensities = trainPropensities;
        MarTest = marTest;
        MarSample = marSample;
        ExpectedObservationRate = expectedObservationRate;
        PositiveRate = positiveRate;
    }

    /// <summary>The options the data was generated with (a copy).</summary>
    public SyntheticMnarOptions Options { get; }

    /// <summary>Number of users.</summary>
    public int UserCount => Options.Users;

    /// <summary>Number of items.</summary>
    public int ItemCount => Options.Items;

    /// <summary>Observed (MNAR) training cells with their true labels.</summary>
    public InteractionTable Train { get; private set; }

    /// <summary>True propensity of each training row, in <see cref="Train"/>'s row order.</summary>
    public IReadOnlyList<double> TrainPropensities => _trainPropensities;

    /// <summary>MAR test set: <see cref="SyntheticMnarOptions.MarTestItemsPerUser"/> uniform items per user.</summary>
    public InteractionTable MarTest { get; private set; }

    /// <summary>A small separate MAR label sample (uniform distinct pairs) for Naive-Bayes propensities.</summary>
    public InteractionTable MarSample { get; private set; }

    /// <summary>Mean true propensity over all pairs (the expected observed share).</summary>
    public double ExpectedObservationRate { get; private set; }

    /// <summary>Share of positive true labels over all pairs.</summary>
    public double PositiveRate { get; private set; }

    /// <summary>True probability p(u,i) that the label is 1.</summary>
    public double TrueProbability(int user, int item)
    {
        Check(user, item);
        int k = Options.Rank;
        double dot = 0;
        for (int f = 0; f < k; f++)
            dot += _userFactors[user * k + f] * _itemFactors[item * k + f];
        double logit = Options.LogitScale * dot / Math.Sqrt(k) + Options.LogitOffset;
        return 1.0 / (1.0 + Math.Exp(-logit));
    }

    /// <summary>The realised true label of (user, item), 0 or 1 (the same value the observed and test sets hold).</summary>
    public float TrueLabel(int user, int item) =>
        PairRandom.Uniform(Options.Seed, LabelStream, user, item) < TrueProbability(user, item) ? 1f : 0f;

    /// <summary>The true probability that (user, item) is observed in <see cref="Train"/>, given its true label.</summary>
    public double TruePropensity(int user, int item) => TruePropensity(user, item, TrueLabel(user, item));

    internal double TruePropensity(int user, int item, float label) =>
        Math.Min(1.0, Options.BaseObservationRate * _popularity[item] * (label == 1f ? Options.PositiveObservationRatio : 1.0));

    /// <summary>The true latent factors U_u of every user (Rank values each): side features a system could know, e.g. as kernel features.</summary>
    public float[][] TrueUserFactors() => Rows(_userFactors, UserCount);

    /// <summary>The true latent factors V_i of every item (Rank values each).</summary>
    public float[][] TrueItemFactors() => Rows(_itemFactors, ItemCount);

    private float[][] Rows(double[] values, int count)
    {
        int k = Options.Rank;
        return Enumerable.Range(0, count).Select(r => values.Skip(r * k).Take(k).Select(v => (float)v).ToArray()).ToArray();
    }

    /// <summary>The popularity weight q_i of an item (mean 1 over items).</summary>
    public double ItemPopularityWeight(int item)
    {
        Check(0, item);
        return _popularity[item];
    }

    /// <summary>
    /// The loss of <paramref name="predictor"/> (a probability per pair) over ALL pairs against the true labels, and the
    /// naive, IPS and SNIPS estimates of it from the observed cells, with <paramref name="propensities"/> per training
    /// row (default: the true ones). One pass over all pairs; nothing of size users x items is stored.
    /// </summary>
    public LossEstimates EstimateLoss(Func<int, int, double> predictor, PointwiseLoss loss, IReadOnlyList<double>? propensities = null)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        return EstimateLoss((user, row) =>
        {
            for (int i = 0; i < row.Length; i++)
                row[i] = predictor(user, i);
        }, loss, propensities);
    }

    /// <summary>
    /// As the per-pair overload, with a predictor that fills the probabilities of all items for one user at a time
    /// (one matrix-vector product for a factorisation model): <c>predictUser(user, itemProbabilities)</c>.
    /// </summary>
    public LossEstimates EstimateLoss(Action<int, Span<double>> predictUser, PointwiseLoss loss, IReadOnlyList<double>? propensities = null)
    {
        ArgumentNullException.ThrowIfNull(predictUser);
        ArgumentNullException.ThrowIfNull(loss);
        propensities ??= _trainPropensities;
        if (propensities.Count != Train.Count)
            throw new ArgumentException($"{propensities.Count} propensities were given for {Train.Count} training rows.", nameof(propensities));
        // Training rows grouped by user, so each user's predictions serve both the ideal sum and the observed rows.
        var rowsByUser = new List<int>[UserCount];
        var users = Train.Users;
        for (int r = 0; r < users.Length; r++)
            (rowsByUser[users[r]] ??= new List<int>()).Add(r);
        var items = Train.Items;
        var labels = Train.Labels;
        var rowLosses = new double[Train.Count];
        var predictions = new double[ItemCount];
        double ideal = 0;
        for (int u = 0; u < UserCount; u++)
        {
            predictions.AsSpan().Clear();
            predictUser(u, predictions);
            for (int i = 0; i < ItemCount; i++)
                ideal += loss.Value(predictions[i], TrueLabel(u, i));
            if (rowsByUser[u] is { } rows)
                foreach (int r in rows)
                    rowLosses[r] = loss.Value(predictions[items[r]], labels[r]);
        }
        ideal /= Train.PairCount;
        var p = propensities as double[] ?? propensities.ToArray();
        return new LossEstimates(ideal, DebiasedLossEstimators.Naive(rowLosses), DebiasedLossEstimators.Ips(rowLosses, p, Train.PairCount),
            DebiasedLossEstimators.Snips(rowLosses, p));
    }

    private void Check(int user, int item)
    {
        if ((uint)user >= (uint)UserCount)
            throw new ArgumentOutOfRangeException(nameof(user), user, $"User index must be in 0..{UserCount - 1}.");
        if ((uint)item >= (uint)ItemCount)
            throw new ArgumentOutOfRangeException(nameof(item), item, $"Item index must be in 0..{ItemCount - 1}.");
    }
}
