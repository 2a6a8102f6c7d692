namespace MLNetExtensions.Sweeping;

/// <summary>
/// A search parameter that takes one of a fixed list of values. Each value must be storable in the member it sets:
/// the member's own type (or a subtype), <see langword="null"/> for reference and nullable members, or a numeric
/// value that widens (<see cref="int"/> to <see cref="long"/>/<see cref="float"/>/<see cref="double"/>,
/// <see cref="float"/> to <see cref="double"/>) or is a <see cref="double"/> set into a <see cref="float"/>.
/// </summary>
public sealed class ChoiceParameter : SearchParameter
{
    private readonly object?[] _values;

    internal ChoiceParameter(object?[] values)
    {
        // A private copy: the caller's array may change after the search space is validated.
        _values = (object?[])values.Clone();
    }

    /// <summary>The candidate values, in the order a grid visits them.</summary>
    public IReadOnlyList<object?> Values => _values;

    /// <inheritdoc />
    public override string ToString() => $"Choice({string.Join(", ", _values.Select(v => ValueFormatter.Format(v)))})";

    internal override string? FindDefinitionError() =>
        _values.Length == 0 ? "a choice needs at least one value" : null;

    internal override string? FindMemberTypeError(Type memberType)
    {
        foreach (object? value in _values)
        {
            if (!ValueConversion.TryConvert(value, memberType, out _))
            {
                // Quoted, so that a string "3" is not mistaken for the number 3.
                string shown = value is string text ? $"\"{text}\"" : ValueFormatter.Format(value);
                string valueType = value is null ? "null" : TypeNames.Display(value.GetType());
                return $"the choice value {shown} ({valueType}) cannot set a member of type {TypeNames.Display(memberType)}";
            }
        }
        return null;
    }

    internal override object? Sample(Random random) => _values[random.Next(_values.Length)];

    internal override IReadOnlyList<object?> GridValues(int points) => _values;
}
