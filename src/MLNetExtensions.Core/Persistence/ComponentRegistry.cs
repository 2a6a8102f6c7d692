using System.Collections.Concurrent;
using Microsoft.ML;

namespace MLNetExtensions.Persistence;

/// <summary>
/// The fixed map from a manifest's component kind to the code that loads it. A model file may come from
/// someone else, so kinds are never resolved with <c>Type.GetType</c>: only registered loaders run.
/// Families register their kinds from their catalogs' static constructors and from module initialisers;
/// the serializer also loads the known family assemblies by their fixed names when it meets an unknown kind.
/// </summary>
public static class ComponentRegistry
{
    private static readonly ConcurrentDictionary<string, Func<ComponentReader, ITransformer>> Loaders = new(StringComparer.Ordinal);

    // Family assemblies of this library, loaded by fixed name (never a name read from a file).
    private static readonly string[] FamilyAssemblies =
    {
        "MLNetExtensions.Calibration", "MLNetExtensions.Fairness", "MLNetExtensions.Debiasing",
        "MLNetExtensions.Distillation", "MLNetExtensions.Reinforcement",
    };

    static ComponentRegistry()
    {
        Register(Trainers.TorchMlpTransformer.Kind, Trainers.TorchMlpTransformer.Load);
    }

    /// <summary>Registers the loader of <paramref name="kind"/>; registering the same kind twice is an error.</summary>
    public static void Register(string kind, Func<ComponentReader, ITransformer> loader)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(loader);
        if (!Loaders.TryAdd(kind, loader) && Loaders[kind] != loader)
            throw new InvalidOperationException($"Component kind '{kind}' is already registered.");
    }

    /// <summary>The registered kinds.</summary>
    public static IReadOnlyCollection<string> Kinds => Loaders.Keys.ToArray();

    internal static Func<ComponentReader, ITransformer> Resolve(string kind)
    {
        if (Loaders.TryGetValue(kind, out var loader))
            return loader;
        foreach (var name in FamilyAssemblies)
        {
            try
            {
                var assembly = System.Reflection.Assembly.Load(name);
                System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
            }
            catch (FileNotFoundException)
            {
                // That family is not part of this application.
            }
        }
        if (Loaders.TryGetValue(kind, out loader))
            return loader;
        throw new InvalidDataException(
            $"The model contains component kind '{kind}', which this application does not know. Known kinds: " +
            $"{string.Join(", ", Loaders.Keys.OrderBy(k => k))}. Reference the MLNetExtensions package that defines it.");
    }
}
