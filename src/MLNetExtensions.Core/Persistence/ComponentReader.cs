using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using static TorchSharp.torch;

namespace MLNetExtensions.Persistence;

/// <summary>Reads one component's entries back from the model zip, with errors that name the entry.</summary>
public sealed class ComponentReader
{
    private readonly ZipArchive _archive;
    private readonly string _prefix;

    internal ComponentReader(ZipArchive archive, string prefix, string kind, int version, MLContext mlContext, Device device)
    {
        _archive = archive;
        _prefix = prefix;
        Kind = kind;
        Version = version;
        MLContext = mlContext;
        Device = device;
    }

    /// <summary>The component kind from the manifest.</summary>
    public string Kind { get; }

    /// <summary>The component's format version from the manifest.</summary>
    public int Version { get; }

    /// <summary>A context for components that need ML.NET services while loading.</summary>
    public MLContext MLContext { get; }

    /// <summary>Where Torch state is loaded.</summary>
    public Device Device { get; }

    /// <summary>Reads JSON entry <paramref name="name"/>.</summary>
    public T ReadJson<T>(string name)
    {
        using var stream = Open(name);
        try
        {
            return JsonSerializer.Deserialize<T>(stream, ModelJson.Options)
                ?? throw new InvalidDataException($"Model entry '{_prefix + name}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Model entry '{_prefix + name}' is not valid JSON for {typeof(T).Name}: {e.Message}", e);
        }
    }

    /// <summary>Reads a binary entry through <paramref name="read"/>.</summary>
    public T ReadBinary<T>(string name, Func<Stream, T> read)
    {
        using var stream = Open(name);
        // Copy to memory: Torch's loader seeks, and zip streams do not.
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        memory.Position = 0;
        return read(memory);
    }

    /// <summary>Throws unless the component's version is one this build reads.</summary>
    public void RequireVersion(int maximumSupported)
    {
        if (Version < 1 || Version > maximumSupported)
            throw new InvalidDataException(
                $"Component '{Kind}' was saved with format version {Version}; this build reads versions 1 to {maximumSupported}. Update MLNetExtensions.");
    }

    private Stream Open(string name)
    {
        var entry = _archive.GetEntry(_prefix + name)
            ?? throw new InvalidDataException($"The model file is missing entry '{_prefix + name}' of component '{Kind}'.");
        try
        {
            return entry.Open();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Model entry '{_prefix + name}' is corrupted: {e.Message}", e);
        }
    }
}
