using System.Reflection;

namespace MLNetExtensions.Sweeping;

/// <summary>A public instance field or settable property of an options type that a search parameter sets.</summary>
internal sealed class OptionsMember
{
    private readonly FieldInfo? _field;
    private readonly PropertyInfo? _property;

    private OptionsMember(FieldInfo? field, PropertyInfo? property)
    {
        _field = field;
        _property = property;
    }

    /// <summary>The member's declared type.</summary>
    public Type MemberType => _field?.FieldType ?? _property!.PropertyType;

    /// <summary>
    /// Finds the writable public instance member called <paramref name="name"/> (case-sensitive, inherited ones
    /// included), or explains why there is none.
    /// </summary>
    public static OptionsMember? Find(Type optionsType, string name, out string? error)
    {
        error = null;
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance;
        // A member hidden with `new` appears once per declaring type: the most derived one is the one callers see.
        MemberInfo? member = optionsType.GetMember(name, MemberTypes.Field | MemberTypes.Property, flags)
            .Where(m => m is FieldInfo || m is PropertyInfo { CanRead: true } p && p.GetIndexParameters().Length == 0)
            .OrderByDescending(m => InheritanceDepth(m.DeclaringType!))
            .FirstOrDefault();

        switch (member)
        {
            case FieldInfo { IsLiteral: true } or FieldInfo { IsInitOnly: true }:
                error = "the field is read-only";
                return null;
            case FieldInfo field:
                return new OptionsMember(field, null);
            case PropertyInfo property when property.GetSetMethod() is null:
                error = "the property has no public setter";
                return null;
            case PropertyInfo property:
                return new OptionsMember(null, property);
            default:
                error = "the options type has no public instance field or property of that name";
                return null;
        }
    }

    /// <summary>Stores an already converted value; exceptions from property setters surface unwrapped.</summary>
    public void SetValue(object target, object? value)
    {
        if (_field is not null)
            _field.SetValue(target, value);
        else
            _property!.SetValue(target, value, BindingFlags.DoNotWrapExceptions, binder: null, index: null, culture: null);
    }

    private static int InheritanceDepth(Type type)
    {
        int depth = 0;
        for (Type? t = type.BaseType; t is not null; t = t.BaseType)
            depth++;
        return depth;
    }
}
