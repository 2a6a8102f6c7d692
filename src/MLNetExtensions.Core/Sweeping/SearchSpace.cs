using System.Collections;

namespace MLNetExtensions.Sweeping;

/// <summary>
/// The parameters of a sweep: each maps the name of a public field or settable property of an options class
/// (such as an ML.NET trainer's <c>Options</c>) to the <see cref="SearchParameter"/> its values come from.
/// </summary>
/// <example>
/// <code>
/// var space = new SearchSpace()
///     .Add("LearningRate", SearchParameter.LogUniform(1e-4, 1e-1))
///     .Add("NumberOfIterations", SearchParameter.Int(5, 50));
/// </code>
/// </example>
/// <remarks>
/// <see cref="Add"/> checks each parameter's bounds, and also its member when the space knows its options type
/// (see <see cref="For{TOptions}"/>); <see cref="OptionsSweeper"/> checks the whole space against the options type
/// before the first trial. Every such error is an <see cref="ArgumentException"/> naming the parameter.
/// </remarks>
public sealed class SearchSpace : IReadOnlyCollection<KeyValuePair<string, SearchParameter>>
{
    private readonly List<KeyValuePair<string, SearchParameter>> _parameters = [];

    /// <summary>Creates an empty search space whose members are checked when it is used.</summary>
    public SearchSpace()
    {
    }

    /// <summary>Creates an empty search space whose members are checked against <paramref name="optionsType"/> as they are added.</summary>
    /// <param name="optionsType">The options class the parameters set.</param>
    public SearchSpace(Type optionsType)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        OptionsType = optionsType;
    }

    /// <summary>Creates an empty search space checked against <typeparamref name="TOptions"/> as parameters are added.</summary>
    /// <typeparam name="TOptions">The options class the parameters set.</typeparam>
    /// <returns>A new search space.</returns>
    public static SearchSpace For<TOptions>() where TOptions : class => new(typeof(TOptions));

    /// <summary>The options type <see cref="Add"/> checks against, or <see langword="null"/> if the check waits for use.</summary>
    public Type? OptionsType { get; }

    /// <summary>The number of parameters.</summary>
    public int Count => _parameters.Count;

    /// <summary>The parameter names, in the order they were added.</summary>
    public IEnumerable<string> Names => _parameters.Select(p => p.Key);

    /// <summary>The parameter that sets the member called <paramref name="name"/>.</summary>
    /// <param name="name">An options member name.</param>
    /// <exception cref="KeyNotFoundException">No parameter has that name.</exception>
    public SearchParameter this[string name] =>
        _parameters.FirstOrDefault(p => p.Key == name).Value
        ?? throw new KeyNotFoundException($"The search space has no parameter '{name}'.");

    /// <summary>Adds a parameter for the options member called <paramref name="name"/>.</summary>
    /// <param name="name">The exact (case-sensitive) name of a public field or settable property of the options type.</param>
    /// <param name="parameter">Where the member's values come from.</param>
    /// <returns>This search space, so that calls can be chained.</returns>
    /// <exception cref="ArgumentException">
    /// The name is empty or already used, the parameter's bounds are invalid, or (when <see cref="OptionsType"/> is
    /// known) the member is missing, read-only, or of a type the parameter's values cannot set.
    /// </exception>
    public SearchSpace Add(string name, SearchParameter parameter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(parameter);
        if (_parameters.Any(p => p.Key == name))
            throw new ArgumentException($"Search parameter '{name}' is already in the search space.", nameof(name));

        string? error = OptionsType is null
            ? parameter.FindDefinitionError()
            : FindError(OptionsType, name, parameter, out _);
        if (error is not null)
            throw new ArgumentException(Describe(name, OptionsType, error), nameof(parameter));

        _parameters.Add(new(name, parameter));
        return this;
    }

    /// <summary>Checks every parameter against <paramref name="optionsType"/>.</summary>
    /// <param name="optionsType">The options class the parameters will set.</param>
    /// <exception cref="ArgumentException">
    /// A parameter's bounds are invalid, or its member is missing, read-only, or of a type its values cannot set;
    /// the message names the parameter and the options type.
    /// </exception>
    public void Validate(Type optionsType)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        _ = Bind(optionsType);
    }

    /// <summary>
    /// Returns a shallow copy of <paramref name="baseOptions"/> with the members named in <paramref name="values"/>
    /// set; <paramref name="baseOptions"/> itself is not changed. Members outside <paramref name="values"/> keep
    /// their base values, and reference-typed members (arrays, nested options) are shared with the base.
    /// </summary>
    /// <typeparam name="TOptions">The options class.</typeparam>
    /// <param name="baseOptions">The options to start from.</param>
    /// <param name="values">Values for some or all of this space's parameters, typically proposed by an <see cref="ITuner"/>.</param>
    /// <returns>The new options object.</returns>
    /// <exception cref="ArgumentException">
    /// The space does not fit the options type, <paramref name="values"/> names a parameter not in the space, or a
    /// value cannot set its member.
    /// </exception>
    public TOptions Apply<TOptions>(TOptions baseOptions, ParameterSet values) where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(baseOptions);
        ArgumentNullException.ThrowIfNull(values);
        var copy = OptionsCloner.Clone(baseOptions);
        Bind(baseOptions.GetType()).Assign(copy, values);
        return copy;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, SearchParameter>> GetEnumerator() => _parameters.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The parameters, one per line, as <c>Name: Kind(bounds)</c>.</summary>
    public override string ToString() => string.Join(Environment.NewLine, _parameters.Select(p => $"{p.Key}: {p.Value}"));

    /// <summary>Resolves every parameter's member on <paramref name="optionsType"/>, throwing on the first problem.</summary>
    internal BoundSearchSpace Bind(Type optionsType)
    {
        var members = new Dictionary<string, OptionsMember>(StringComparer.Ordinal);
        foreach (var (name, parameter) in _parameters)
        {
            string? error = FindError(optionsType, name, parameter, out var member);
            if (error is not null)
                throw new ArgumentException(Describe(name, optionsType, error), nameof(optionsType));
            members.Add(name, member!);
        }
        return new BoundSearchSpace(optionsType, members);
    }

    private static string? FindError(Type optionsType, string name, SearchParameter parameter, out OptionsMember? member)
    {
        member = null;
        return parameter.FindDefinitionError()
            ?? ((member = OptionsMember.Find(optionsType, name, out string? memberError)) is null
                ? memberError
                : parameter.FindMemberTypeError(member.MemberType));
    }

    private static string Describe(string name, Type? optionsType, string error) => optionsType is null
        ? $"Search parameter '{name}' is invalid: {error}."
        : $"Search parameter '{name}' is invalid for options type '{TypeNames.Display(optionsType)}': {error}.";
}
