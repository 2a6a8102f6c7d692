using Microsoft.ML;

namespace MLNetExtensions.Persistence;

/// <summary>
/// A transformer of this library that <see cref="ExtensionModelSerializer"/> can save. ML.NET's own
/// <c>mlContext.Model.Save</c> cannot (its save context is internal), so <c>Save(ModelSaveContext)</c> on these
/// transformers throws and names <c>mlContext.Model.SaveWithExtensions</c>.
/// </summary>
public interface IExtensionTransformer : ITransformer
{
    /// <summary>The registry name of this component kind (stable across versions).</summary>
    string ComponentKind { get; }

    /// <summary>The format version this build writes for the component.</summary>
    int ComponentVersion { get; }

    /// <summary>Writes the component's options and state.</summary>
    void SaveComponent(ComponentWriter writer);
}
