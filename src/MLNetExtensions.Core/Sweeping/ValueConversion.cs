namespace MLNetExtensions.Sweeping;

/// <summary>The conversions a sampled value may undergo before it is stored in an options member.</summary>
internal static class ValueConversion
{
    /// <summary>Whether every non-null value of <paramref name="sourceType"/> can set a member of <paramref name="memberType"/>.</summary>
    public static bool CanConvert(Type sourceType, Type memberType)
    {
        Type target = Nullable.GetUnderlyingType(memberType) ?? memberType;
        if (target.IsAssignableFrom(sourceType))
            return true;
        // Widening, plus double -> float because ML.NET options are mostly float while search ranges are double.
        if (sourceType == typeof(int))
            return target == typeof(long) || target == typeof(float) || target == typeof(double);
        if (sourceType == typeof(float))
            return target == typeof(double);
        if (sourceType == typeof(double))
            return target == typeof(float);
        return false;
    }

    /// <summary>Converts <paramref name="value"/> for a member of <paramref name="memberType"/>, if allowed.</summary>
    public static bool TryConvert(object? value, Type memberType, out object? converted)
    {
        converted = null;
        if (value is null)
            return !memberType.IsValueType || Nullable.GetUnderlyingType(memberType) is not null;
        if (!CanConvert(value.GetType(), memberType))
            return false;

        Type target = Nullable.GetUnderlyingType(memberType) ?? memberType;
        converted = target.IsInstanceOfType(value) ? value : Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }
}
