namespace MLNetExtensions.Trainers;

/// <summary>
/// The one check behind every Options class's <c>Validate</c>: an <see cref="ArgumentOutOfRangeException"/> whose
/// ParamName is the option and whose message reads "<c>OptionsType.Option rule.</c>".
/// </summary>
public static class OptionChecks
{
    /// <summary>Throws when <paramref name="ok"/> is false.</summary>
    /// <param name="ok">Whether the option's value is valid.</param>
    /// <param name="optionsType">The Options class's name, e.g. "TorchMlpOptions".</param>
    /// <param name="name">The option's name (the exception's ParamName).</param>
    /// <param name="value">The offending value (shown in the message).</param>
    /// <param name="rule">What the value must satisfy, e.g. "must be positive".</param>
    public static void Require(bool ok, string optionsType, string name, object? value, string rule)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"{optionsType}.{name} {rule}.");
    }
}
