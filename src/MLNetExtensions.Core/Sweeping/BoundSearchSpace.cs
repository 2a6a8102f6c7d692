namespace MLNetExtensions.Sweeping;

/// <summary>A search space whose parameters have been resolved to the members of one options type.</summary>
internal sealed class BoundSearchSpace
{
    private readonly Type _optionsType;
    private readonly IReadOnlyDictionary<string, OptionsMember> _members;

    public BoundSearchSpace(Type optionsType, IReadOnlyDictionary<string, OptionsMember> members)
    {
        _optionsType = optionsType;
        _members = members;
    }

    /// <summary>
    /// Sets the members named in <paramref name="values"/> on <paramref name="target"/>. Conversion problems are
    /// <see cref="ArgumentException"/>s; exceptions thrown by property setters propagate unchanged.
    /// </summary>
    public void Assign(object target, ParameterSet values)
    {
        foreach (var (name, value) in values)
        {
            if (!_members.TryGetValue(name, out var member))
                throw new ArgumentException(
                    $"Parameter '{name}' is not in the search space for options type '{TypeNames.Display(_optionsType)}'.",
                    nameof(values));
            if (!ValueConversion.TryConvert(value, member.MemberType, out object? converted))
                throw new ArgumentException(
                    $"Parameter '{name}' value {ValueFormatter.Format(value)} cannot set a member of type "
                    + $"{TypeNames.Display(member.MemberType)} on options type '{TypeNames.Display(_optionsType)}'.",
                    nameof(values));
            member.SetValue(target, converted);
        }
    }
}
