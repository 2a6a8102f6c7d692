using MLNetExtensions.Data;
using MLNetExtensions.Debiasing.Data;

namespace MLNetExtensions.Debiasing.Propensity;

/// <summary>
/// Naive-Bayes propensity (Schnabel et al. 2016; the kernel-balancing authors' code):
/// P(O=1|Y=y) = P(Y=y|O=1) P(O=1) / P(Y=y), with P(Y=y|O=1) the label shares among observed cells,
/// P(O=1) = |O| / (users x items) from counts (the reference divides by the largest 0-based indices, an off-by-one),
/// and P(Y=y) the label shares in a small MAR sample. Labels are treated as discrete values (0/1 or star ratings).
/// </summary>
public sealed class NaiveBayesPropensityModel : PropensityModel
{
    private readonly Dictionary<float, double> _byLabel;

    internal NaiveBayesPropensityModel(float[] labelValues, double[] propensities, double observationRate)
    {
        LabelValues = labelValues;
        Propensities = propensities;
        ObservationRate = observationRate;
        _byLabel = new Dictionary<float, double>();
        for (int k = 0; k < labelValues.Length; k++)
            _byLabel.Add(labelValues[k], propensities[k]);
    }

    /// <inheritdoc/>
    public override PropensityModelKind Kind => PropensityModelKind.NaiveBayes;

    /// <summary>The label values known to the model (observed or in the MAR sample), ascending.</summary>
    public IReadOnlyList<float> LabelValues { get; }

    /// <summary>Unclipped P(O=1|Y=y) per entry of <see cref="LabelValues"/> (0 for a value seen only in the MAR sample).</summary>
    public IReadOnlyList<double> Propensities { get; }

    /// <summary>P(O=1) = |O| / (users x items).</summary>
    public double ObservationRate { get; }

    /// <summary>
    /// Fits on the observed table and the MAR sample's labels. Throws a <see cref="DataValidationException"/> when the
    /// MAR sample is empty, or when an observed label value never occurs in it (P(Y=y) would be 0).
    /// </summary>
    public static NaiveBayesPropensityModel Fit(InteractionTable observed, ReadOnlySpan<float> marLabels, string marLabelColumnName = InteractionColumns.Label)
    {
        ArgumentNullException.ThrowIfNull(observed);
        if (observed.Count == 0)
            throw new DataValidationException("The observed data has no rows: propensities need at least one observed cell.");
        if (marLabels.IsEmpty)
            throw new DataValidationException(
                $"The MAR sample is empty: Naive-Bayes propensities need P(Y=y) from a small sample of labels collected at random " +
                $"(column '{marLabelColumnName}'). Pass a MAR sample, or use PropensityModelKind.Popularity (which ignores the label).",
                marLabelColumnName);
        var marCounts = new SortedDictionary<float, long>();
        for (int r = 0; r < marLabels.Length; r++)
        {
            float y = marLabels[r];
            if (!float.IsFinite(y))
                throw new DataValidationException($"MAR sample column '{marLabelColumnName}' has a non-finite value ({y}) at row {r}.", marLabelColumnName, r);
            marCounts[y] = marCounts.GetValueOrDefault(y) + 1;
        }
        var observedCounts = new SortedDictionary<float, long>();
        var labels = observed.Labels;
        for (int r = 0; r < labels.Length; r++)
        {
            float y = labels[r];
            if (!marCounts.ContainsKey(y))
                throw new DataValidationException(
                    $"Column '{InteractionColumns.Label}' has value {y} at row {r}, which never occurs in the MAR sample ({marLabels.Length} rows, values " +
                    $"{string.Join(", ", marCounts.Keys)}): P(Y={y}) would be 0. Binarise both with the same rule or use a larger MAR sample.",
                    InteractionColumns.Label, r);
            observedCounts[y] = observedCounts.GetValueOrDefault(y) + 1;
        }
        double observationRate = observed.Count / (double)observed.PairCount;
        var values = marCounts.Keys.ToArray();
        var propensities = new double[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            double pYGivenO = observedCounts.GetValueOrDefault(values[k]) / (double)observed.Count;
            double pY = marCounts[values[k]] / (double)marLabels.Length;
            propensities[k] = pYGivenO * observationRate / pY;
        }
        return new NaiveBayesPropensityModel(values, propensities, observationRate);
    }

    /// <inheritdoc/>
    public override double Propensity(int user, int item, float label)
    {
        if (_byLabel.TryGetValue(label, out var p))
            return p;
        throw new KeyNotFoundException($"Label value {label} is not known to the Naive-Bayes propensity model (known: {string.Join(", ", LabelValues)}).");
    }
}
