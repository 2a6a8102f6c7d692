using System.IO.Compression;
using System.Text.Json;

namespace MLNetExtensions.Persistence;

/// <summary>Writes one component's entries (JSON documents, binary blobs) into its folder of the model zip.</summary>
public sealed class ComponentWriter
{
    private readonly ZipArchive _archive;
    private readonly string _prefix;

    internal ComponentWriter(ZipArchive archive, string prefix)
    {
        _archive = archive;
        _prefix = prefix;
    }

    /// <summary>Entry names written so far (relative to the component's folder).</summary>
    internal List<string> Entries { get; } = new();

    /// <summary>Serialises <paramref name="value"/> as JSON into entry <paramref name="name"/>.</summary>
    public void WriteJson<T>(string name, T value)
    {
        using var stream = Open(name);
        JsonSerializer.Serialize(stream, value, ModelJson.Options);
    }

    /// <summary>Writes a binary entry through <paramref name="write"/>.</summary>
    public void WriteBinary(string name, Action<Stream> write)
    {
        using var stream = Open(name);
        write(stream);
    }

    private Stream Open(string name)
    {
        if (Entries.Contains(name))
            throw new InvalidOperationException($"Entry '{name}' was written twice by one component.");
        Entries.Add(name);
        return _archive.CreateEntry(_prefix + name, CompressionLevel.Fastest).Open();
    }
}
