using System.Collections;
using System.Globalization;

namespace MLNetExtensions.Sweeping;

/// <summary>Culture-independent text for parameter values, used in tables, data frames and messages.</summary>
internal static class ValueFormatter
{
    /// <summary>
    /// Formats a value: <c>null</c> for null, invariant-culture numbers (shortest round-trip form unless
    /// <paramref name="numberFormat"/> is given), enum member names, and <c>[a, b]</c> for arrays and other sequences.
    /// </summary>
    public static string Format(object? value, string? numberFormat = null) => value switch
    {
        null => "null",
        string text => text,
        double d => d.ToString(numberFormat, CultureInfo.InvariantCulture),
        float f => f.ToString(numberFormat, CultureInfo.InvariantCulture),
        IFormattable formattable when value is not Enum => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable sequence => "[" + string.Join(", ", sequence.Cast<object?>().Select(item => Format(item, numberFormat))) + "]",
        _ => value.ToString() ?? "",
    };
}
