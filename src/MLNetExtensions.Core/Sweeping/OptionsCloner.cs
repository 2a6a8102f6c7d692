using System.Reflection;

namespace MLNetExtensions.Sweeping;

/// <summary>Shallow copies of options objects, so that each trial can change its own copy.</summary>
internal static class OptionsCloner
{
    // Object.MemberwiseClone copies every field, private ones included, so a copy behaves like the original
    // even for options classes whose state is not all public.
    private static readonly Func<object, object> ShallowCopy =
        typeof(object).GetMethod(nameof(MemberwiseClone), BindingFlags.Instance | BindingFlags.NonPublic)!
            .CreateDelegate<Func<object, object>>();

    /// <summary>A field-by-field copy of <paramref name="options"/> of the same runtime type.</summary>
    public static TOptions Clone<TOptions>(TOptions options) where TOptions : class => (TOptions)ShallowCopy(options);
}
