namespace MLNetExtensions.Sweeping;

/// <summary>
/// Draws each parameter independently from its range for a fixed number of trials: uniformly, or uniformly in the
/// logarithm for log-scale parameters, and uniformly among choice values. The same seed gives the same proposals.
/// </summary>
/// <remarks>Draws are independent, so a proposal can repeat, which is likely for small discrete spaces.</remarks>
public sealed class RandomTuner : ITuner
{
    /// <summary>Creates a random tuner.</summary>
    /// <param name="numberOfTrials">How many parameter sets to propose; at least 1.</param>
    /// <param name="seed">The <see cref="Random"/> seed; <see langword="null"/> for a different sequence each enumeration.</param>
    public RandomTuner(int numberOfTrials, int? seed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numberOfTrials, 1);
        NumberOfTrials = numberOfTrials;
        Seed = seed;
    }

    /// <summary>How many parameter sets are proposed.</summary>
    public int NumberOfTrials { get; }

    /// <summary>The random seed, or <see langword="null"/> when unseeded.</summary>
    public int? Seed { get; }

    /// <inheritdoc />
    public IEnumerable<ParameterSet> Propose(SearchSpace searchSpace)
    {
        ArgumentNullException.ThrowIfNull(searchSpace);
        var parameters = searchSpace.ToArray();
        return Enumerate(parameters);
    }

    private IEnumerable<ParameterSet> Enumerate(KeyValuePair<string, SearchParameter>[] parameters)
    {
        // A fresh generator per enumeration: enumerating twice gives the same proposals for a seeded tuner.
        var random = Seed is { } seed ? new Random(seed) : new Random();
        for (int trial = 0; trial < NumberOfTrials; trial++)
        {
            var values = new KeyValuePair<string, object?>[parameters.Length];
            for (int i = 0; i < parameters.Length; i++)
                values[i] = new(parameters[i].Key, parameters[i].Value.Sample(random));
            yield return new ParameterSet(values);
        }
    }
}
