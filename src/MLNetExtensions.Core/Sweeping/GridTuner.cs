namespace MLNetExtensions.Sweeping;

/// <summary>
/// Tries every combination of a fixed set of values per parameter (the Cartesian product), in a deterministic order:
/// the first parameter added varies slowest, the last fastest.
/// </summary>
/// <remarks>
/// Values per parameter: a <see cref="DoubleParameter"/> gets <see cref="PointsPerParameter"/> evenly spaced points
/// including both bounds (spaced evenly in the logarithm on a log scale); an <see cref="IntParameter"/> gets all its
/// integers when there are at most <see cref="PointsPerParameter"/> of them, otherwise that many evenly spaced points
/// rounded to integers, each kept once; a <see cref="ChoiceParameter"/> gets all its values. With
/// <see cref="MaximumTrials"/> set, the first combinations in that order are kept, which leaves the first parameters
/// barely varied: for a budget smaller than the grid, <see cref="RandomTuner"/> usually covers the space better.
/// </remarks>
public sealed class GridTuner : ITuner
{
    /// <summary>Creates a grid tuner.</summary>
    /// <param name="pointsPerParameter">Values per numeric parameter; at least 2, so that both bounds are tried.</param>
    /// <param name="maximumTrials">The most combinations to propose, or <see langword="null"/> for all; at least 1.</param>
    public GridTuner(int pointsPerParameter = 5, int? maximumTrials = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pointsPerParameter, 2);
        if (maximumTrials is { } max)
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(maximumTrials));
        PointsPerParameter = pointsPerParameter;
        MaximumTrials = maximumTrials;
    }

    /// <summary>Values per numeric parameter.</summary>
    public int PointsPerParameter { get; }

    /// <summary>The most combinations proposed, or <see langword="null"/> for the whole grid.</summary>
    public int? MaximumTrials { get; }

    /// <inheritdoc />
    public IEnumerable<ParameterSet> Propose(SearchSpace searchSpace)
    {
        ArgumentNullException.ThrowIfNull(searchSpace);
        // Axes are computed now, so that a later change to the search space does not alter a running sweep.
        var names = searchSpace.Names.ToArray();
        var axes = searchSpace.Select(p => p.Value.GridValues(PointsPerParameter)).ToArray();
        var combinations = Enumerate(names, axes);
        return MaximumTrials is { } max ? combinations.Take(max) : combinations;
    }

    private static IEnumerable<ParameterSet> Enumerate(string[] names, IReadOnlyList<object?>[] axes)
    {
        // An odometer over the axes: the last digit turns fastest. No parameters is one empty combination.
        var digits = new int[axes.Length];
        while (true)
        {
            yield return new ParameterSet(names.Select((name, i) => new KeyValuePair<string, object?>(name, axes[i][digits[i]])));

            int position = axes.Length - 1;
            while (position >= 0 && ++digits[position] == axes[position].Count)
                digits[position--] = 0;
            if (position < 0)
                yield break;
        }
    }
}
