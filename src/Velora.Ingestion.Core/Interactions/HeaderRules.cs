using System.Text.Json;
using System.Text.Json.Serialization;
using Velora.Ingestion.Parsing;

namespace Velora.Ingestion.Interactions;

/// <summary>
/// What a store said about a file's columns: how its headers map to Velora's columns, and which properties it declared.
/// Taken once, when the file is planned (the saved mapping with the upload's over it), and kept with the job, so every
/// chunk reads the file the same way even if the store changes its settings meanwhile.
/// </summary>
public sealed record HeaderRules(ColumnMapping Mapping, IReadOnlyList<DeclaredProperty> Properties)
{
    public static readonly HeaderRules None = new(ColumnMapping.None, []);

    static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };

    public DeclaredProperty? Property(string name) =>
        Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public static string PropertiesToJson(IReadOnlyList<DeclaredProperty> properties) => JsonSerializer.Serialize(properties, Json);

    public static IReadOnlyList<DeclaredProperty> PropertiesFromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<DeclaredProperty[]>(json, Json) ?? [];
}
