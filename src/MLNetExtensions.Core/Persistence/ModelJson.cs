using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLNetExtensions.Persistence;

/// <summary>JSON settings shared by every model entry (readable, enums by name, fields included).</summary>
public static class ModelJson
{
    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        IncludeFields = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
