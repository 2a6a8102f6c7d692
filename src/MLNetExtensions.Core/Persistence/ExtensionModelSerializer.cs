using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace MLNetExtensions.Persistence;

/// <summary>
/// Saves and loads models that mix ML.NET transformers and this library's (see docs/persistence.md): a zip with a
/// manifest, ML.NET parts written by <c>mlContext.Model.Save</c> into nested entries, ours as JSON options plus
/// Torch state, chains (nested too) kept with their scopes. Writes go to a temporary file renamed into place.
/// </summary>
public static class ExtensionModelSerializer
{
    /// <summary>
    /// The error our transformers' <c>ICanSaveModel.Save</c> throws: ML.NET's save context is internal, so only
    /// <c>mlContext.Model.SaveWithExtensions</c> can write them. One message for every family.
    /// </summary>
    public static NotSupportedException PlainSaveNotSupported(Type transformerType) => new(
        $"{transformerType.Name} cannot be saved with mlContext.Model.Save (ML.NET's save context is internal to ML.NET). " +
        "Use mlContext.Model.SaveWithExtensions(model, inputSchema, path) and mlContext.Model.LoadWithExtensions(path, out schema) " +
        "from MLNetExtensions.Persistence; see docs/persistence.md.");

    /// <summary>Saves <paramref name="model"/> with the schema of the data it takes, to <paramref name="path"/>.</summary>
    public static void SaveWithExtensions(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, string path)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                catalog.SaveWithExtensions(model, inputSchema, file);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    /// <summary>Saves <paramref name="model"/> to a writable stream.</summary>
    public static void SaveWithExtensions(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        // The input schema travels as an empty ML.NET chain, so ML.NET's own schema serialisation (types, annotations) is used.
        using (var entry = archive.CreateEntry(ModelManifest.SchemaEntryName, CompressionLevel.Fastest).Open())
            catalog.Save(new TransformerChain<ITransformer>(), inputSchema, entry);
        int counter = 0;
        var root = SaveNode(catalog, archive, model, inputSchema, ref counter);
        var manifest = new ModelManifest
        {
            CreatedBy = "MLNetExtensions " + typeof(ExtensionModelSerializer).Assembly.GetName().Version,
            Root = root,
        };
        using var manifestStream = archive.CreateEntry(ModelManifest.EntryName, CompressionLevel.Fastest).Open();
        JsonSerializer.Serialize(manifestStream, manifest, ModelJson.Options);
    }

    /// <summary>Loads a model saved by <see cref="SaveWithExtensions(ModelOperationsCatalog, ITransformer, DataViewSchema, string)"/>.</summary>
    /// <remarks>Torch components are placed on the device the catalog's MLContext asks for (GpuDeviceId, FallbackToCpu).</remarks>
    public static ITransformer LoadWithExtensions(this ModelOperationsCatalog catalog, string path, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        using var file = File.OpenRead(path);
        return catalog.LoadWithExtensions(file, out inputSchema);
    }

    /// <summary>Loads a model from a readable, seekable stream.</summary>
    public static ITransformer LoadWithExtensions(this ModelOperationsCatalog catalog, Stream stream, out DataViewSchema inputSchema)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException("The model file is not a valid MLNetExtensions model (not a zip archive, or truncated).", e);
        }
        using (archive)
        {
            var manifest = ReadManifest(archive);
            using (var schemaStream = ToMemory(archive, ModelManifest.SchemaEntryName))
                catalog.Load(schemaStream, out inputSchema);
            var context = new LoadContext(catalog, archive, CatalogEnvironment.SelectDevice(catalog));
            return LoadNode(context, manifest.Root, "root");
        }
    }

    private static ModelNode SaveNode(ModelOperationsCatalog catalog, ZipArchive archive, ITransformer model, DataViewSchema schema, ref int counter)
    {
        int id = counter++;
        switch (model)
        {
            case IExtensionTransformer extension:
            {
                var prefix = $"parts/{id}/";
                extension.SaveComponent(new ComponentWriter(archive, prefix));
                return new ModelNode { Type = "extension", Kind = extension.ComponentKind, Version = extension.ComponentVersion, Prefix = prefix };
            }
            case ITransformer when AsChain(model) is { } chain && chain.Any(ContainsExtension):
            {
                var children = new List<ModelNode>();
                var current = schema;
                foreach (var child in chain)
                {
                    children.Add(SaveNode(catalog, archive, child, current, ref counter));
                    current = child.GetOutputSchema(current);
                }
                return new ModelNode { Type = "chain", Children = children, Scopes = ScopesOf(model, children.Count).Select(s => s.ToString()).ToList() };
            }
            default:
            {
                // Pure ML.NET (a single transformer or a chain without our components): ML.NET saves it.
                var entry = $"parts/{id}.mlnet.zip";
                using (var stream = archive.CreateEntry(entry, CompressionLevel.Fastest).Open())
                    catalog.Save(model, schema, stream);
                return new ModelNode { Type = "mlnet", Entry = entry };
            }
        }
    }

    private static bool ContainsExtension(ITransformer model) =>
        model is IExtensionTransformer || (AsChain(model) is { } chain && chain.Any(ContainsExtension));

    // A fitted pipeline is a TransformerChain<TLast> for its last transformer's type; every such chain enumerates its parts.
    private static IEnumerable<ITransformer>? AsChain(ITransformer model) =>
        model.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(TransformerChain<>)
            ? (IEnumerable<ITransformer>)model
            : null;

    // ML.NET exposes a chain's scopes only through an internal accessor; without it every part is Everything.
    private static TransformerScope[] ScopesOf(ITransformer chain, int count)
    {
        var field = chain.GetType().GetField("_scopes", BindingFlags.Instance | BindingFlags.NonPublic);
        return field?.GetValue(chain) is TransformerScope[] scopes && scopes.Length == count
            ? scopes
            : Enumerable.Repeat(TransformerScope.Everything, count).ToArray();
    }

    private sealed record LoadContext(ModelOperationsCatalog Catalog, ZipArchive Archive, Device Device);

    private static ITransformer LoadNode(LoadContext context, ModelNode? node, string where)
    {
        if (node is null)
            throw new InvalidDataException($"The model manifest has an empty node at {where}.");
        switch (node.Type)
        {
            case "chain":
            {
                var children = node.Children ?? throw new InvalidDataException($"Chain node at {where} has no children list.");
                var scopes = (node.Scopes ?? children.Select(_ => nameof(TransformerScope.Everything)).ToList())
                    .Select(s => Enum.TryParse<TransformerScope>(s, out var scope)
                        ? scope
                        : throw new InvalidDataException($"Chain node at {where} has an unknown scope '{s}'."))
                    .ToArray();
                if (scopes.Length != children.Count)
                    throw new InvalidDataException($"Chain node at {where} has {children.Count} children but {scopes.Length} scopes.");
                var parts = children.Select((c, i) => LoadNode(context, c, $"{where}/{i}")).ToArray();
                return new TransformerChain<ITransformer>(parts, scopes);
            }
            case "mlnet":
            {
                var entry = node.Entry ?? throw new InvalidDataException($"ML.NET node at {where} names no entry.");
                using var stream = ToMemory(context.Archive, entry);
                return context.Catalog.Load(stream, out _);
            }
            case "extension":
            {
                var kind = node.Kind ?? throw new InvalidDataException($"Extension node at {where} names no kind.");
                var prefix = node.Prefix ?? throw new InvalidDataException($"Extension node at {where} names no entry folder.");
                var loader = ComponentRegistry.Resolve(kind);
                var mlContext = new MLContext();
                return loader(new ComponentReader(context.Archive, prefix, kind, node.Version, mlContext, context.Device));
            }
            default:
                throw new InvalidDataException($"The model manifest has an unknown node type '{node.Type}' at {where}.");
        }
    }

    private static ModelManifest ReadManifest(ZipArchive archive)
    {
        var entry = archive.GetEntry(ModelManifest.EntryName)
            ?? throw new InvalidDataException($"The model file has no '{ModelManifest.EntryName}': it was not written by SaveWithExtensions.");
        ModelManifest? manifest;
        try
        {
            using var stream = entry.Open();
            manifest = JsonSerializer.Deserialize<ModelManifest>(stream, ModelJson.Options);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new InvalidDataException($"The model manifest is corrupted: {e.Message}", e);
        }
        if (manifest is null || manifest.Format != ModelManifest.FormatName)
            throw new InvalidDataException($"The model manifest does not declare format '{ModelManifest.FormatName}'.");
        if (manifest.FormatVersion < 1 || manifest.FormatVersion > ModelManifest.CurrentVersion)
            throw new InvalidDataException(
                $"The model file has format version {manifest.FormatVersion}; this build reads versions 1 to {ModelManifest.CurrentVersion}.");
        return manifest;
    }

    private static MemoryStream ToMemory(ZipArchive archive, string name)
    {
        var entry = archive.GetEntry(name) ?? throw new InvalidDataException($"The model file is missing entry '{name}'.");
        var memory = new MemoryStream();
        try
        {
            using var stream = entry.Open();
            stream.CopyTo(memory);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Model entry '{name}' is corrupted: {e.Message}", e);
        }
        memory.Position = 0;
        return memory;
    }
}
