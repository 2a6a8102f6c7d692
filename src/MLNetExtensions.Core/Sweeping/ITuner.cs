namespace MLNetExtensions.Sweeping;

/// <summary>
/// Proposes the parameter sets a sweep tries. Tuners here decide all proposals up front (they do not learn from
/// results), so the sequence can be enumerated, counted or inspected before any training.
/// </summary>
public interface ITuner
{
    /// <summary>The parameter sets to try, in order; each assigns a value to every parameter of <paramref name="searchSpace"/>.</summary>
    /// <param name="searchSpace">The parameters and their ranges.</param>
    /// <returns>A sequence that yields the same proposals each time it is enumerated.</returns>
    IEnumerable<ParameterSet> Propose(SearchSpace searchSpace);
}
