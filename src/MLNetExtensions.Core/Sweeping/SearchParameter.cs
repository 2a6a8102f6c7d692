namespace MLNetExtensions.Sweeping;

/// <summary>
/// The range of values one options member may take during a sweep.
/// Create instances with <see cref="Uniform"/>, <see cref="LogUniform"/>, <see cref="Int"/> or <see cref="Choice"/>,
/// and add them to a <see cref="SearchSpace"/> under the name of the member they set.
/// </summary>
/// <remarks>
/// The factories do not check their bounds: <see cref="SearchSpace.Add"/> does, so that the error message can name
/// the parameter and the options type.
/// </remarks>
public abstract class SearchParameter
{
    // Only the kinds in this assembly exist: tuners and validation switch over them.
    private protected SearchParameter()
    {
    }

    /// <summary>A double drawn uniformly from [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    /// <param name="minimum">The smallest value; must be finite and below <paramref name="maximum"/>.</param>
    /// <param name="maximum">The largest value; must be finite.</param>
    /// <returns>A <see cref="DoubleParameter"/> on a linear scale.</returns>
    public static DoubleParameter Uniform(double minimum, double maximum) => new(minimum, maximum, isLogScale: false);

    /// <summary>
    /// A double whose logarithm is drawn uniformly, so that each decade of
    /// [<paramref name="minimum"/>, <paramref name="maximum"/>] is equally likely; suited to learning rates and
    /// regularisation strengths.
    /// </summary>
    /// <param name="minimum">The smallest value; must be positive, finite and below <paramref name="maximum"/>.</param>
    /// <param name="maximum">The largest value; must be finite.</param>
    /// <returns>A <see cref="DoubleParameter"/> on a log scale.</returns>
    public static DoubleParameter LogUniform(double minimum, double maximum) => new(minimum, maximum, isLogScale: true);

    /// <summary>An integer from [<paramref name="minimum"/>, <paramref name="maximum"/>], both ends included.</summary>
    /// <param name="minimum">The smallest value; must be below <paramref name="maximum"/> (and positive on a log scale).</param>
    /// <param name="maximum">The largest value.</param>
    /// <param name="logScale">Whether each decade of the range is equally likely rather than each integer.</param>
    /// <returns>An <see cref="IntParameter"/>.</returns>
    public static IntParameter Int(int minimum, int maximum, bool logScale = false) => new(minimum, maximum, logScale);

    /// <summary>One of a fixed list of values: strings, enum members, numbers, arrays or <see langword="null"/>.</summary>
    /// <param name="values">The candidates, in the order a grid visits them; at least one.</param>
    /// <returns>A <see cref="ChoiceParameter"/>.</returns>
    public static ChoiceParameter Choice(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new ChoiceParameter(values);
    }

    /// <summary>Describes what is wrong with the parameter's own definition, or returns <see langword="null"/>.</summary>
    internal abstract string? FindDefinitionError();

    /// <summary>Whether every value the parameter can produce can be stored in a member of <paramref name="memberType"/>.</summary>
    internal abstract string? FindMemberTypeError(Type memberType);

    /// <summary>Draws one value.</summary>
    internal abstract object? Sample(Random random);

    /// <summary>The values a grid visits, in order, given the number of points for numeric ranges.</summary>
    internal abstract IReadOnlyList<object?> GridValues(int points);
}
