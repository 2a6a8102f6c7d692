namespace MLNetExtensions.Sweeping;

/// <summary>Short, readable type names for error messages.</summary>
internal static class TypeNames
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(short)] = "short",
        [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint", [typeof(long)] = "long",
        [typeof(ulong)] = "ulong", [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal",
        [typeof(char)] = "char", [typeof(string)] = "string", [typeof(object)] = "object",
    };

    /// <summary>
    /// The type's name with its declaring types, so that ML.NET's nested <c>Options</c> classes read as
    /// <c>SdcaLogisticRegressionBinaryTrainer.Options</c>; built-in types use their C# keywords, as in <c>float?</c>.
    /// </summary>
    public static string Display(Type type)
    {
        if (Keywords.TryGetValue(type, out string? keyword))
            return keyword;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return Display(underlying) + "?";
        if (type.IsArray)
            return Display(type.GetElementType()!) + "[]";
        string name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name;
        if (type.IsGenericType)
            name += "<" + string.Join(", ", type.GetGenericArguments().Select(Display)) + ">";
        return type.DeclaringType is { } declaring && !type.IsGenericParameter ? Display(declaring) + "." + name : name;
    }
}
