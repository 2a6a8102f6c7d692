using System.Text.Json.Serialization;

namespace MLNetExtensions.Persistence;

/// <summary>The manifest at the root of a model zip: format, version and the tree of components.</summary>
internal sealed class ModelManifest
{
    public const string FormatName = "MLNetExtensions.Model";
    public const int CurrentVersion = 1;
    public const string EntryName = "manifest.json";
    public const string SchemaEntryName = "input-schema.mlnet.zip";

    public string Format { get; set; } = FormatName;
    public int FormatVersion { get; set; } = CurrentVersion;
    public string? CreatedBy { get; set; }
    public ModelNode Root { get; set; } = new();
}

/// <summary>One node of the component tree.</summary>
internal sealed class ModelNode
{
    /// <summary>"chain", "mlnet" or "extension".</summary>
    public string Type { get; set; } = "";

    /// <summary>Chains: the children in order.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<ModelNode>? Children { get; set; }

    /// <summary>Chains: each child's TransformerScope.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Scopes { get; set; }

    /// <summary>ML.NET parts: the nested zip entry written by mlContext.Model.Save.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Entry { get; set; }

    /// <summary>Extension parts: registry kind.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; set; }

    /// <summary>Extension parts: the component's own format version.</summary>
    public int Version { get; set; }

    /// <summary>Extension parts: folder of the component's entries.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Prefix { get; set; }
}
