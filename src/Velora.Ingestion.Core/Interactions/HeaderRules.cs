using System.Text.Json;
using System.Text.Json.Serialization;
using Velora.Ingestion.Parsing;

namespace Velora.Ingestion.Interactions;

/// <summary>
/// What a store said about a file's columns: how its headers map to Velora's columns, and which properties it declared.
/// Taken once, when the file is planned (the saved mapping with the upload's over it), and kept with the job, so every
/// chunk reads the file the same way even if the store changes its settings meanwhile. <see cref="Aliases"/> is off
/// only for jobs planned before there were aliases, so that their remaining chunks read the file as their first ones did.
/// </summary>
public sealed record HeaderRules(ColumnMapping Mapping, IReadOnlyList<DeclaredProperty> Properties, bool Aliases = true)
{
    public static readonly HeaderRules None = new(ColumnMapping.None, []);

    static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };

    /// <summary>
    /// The rules a planned job stored. Planning always stores a mapping (<c>{}</c> at least); a job planned before there
    /// were mappings has none, and is read as it was then: without aliases.
    /// </summary>
    public static HeaderRules OfPlanned(string? mappingJson, string? propertiesJson) =>
        new(ColumnMapping.FromJson(mappingJson), PropertiesFromJson(propertiesJson), Aliases: mappingJson is not null);

    /// <summary>The store's saved rules with an upload's own mapping over them, as a file is planned (and previewed).</summary>
    public HeaderRules WithUpload(ColumnMapping upload) => this with { Mapping = Mapping.Overlaid(upload) };

    public DeclaredProperty? Property(string name) =>
        Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public static string PropertiesToJson(IReadOnlyList<DeclaredProperty> properties) => JsonSerializer.Serialize(properties, Json);

    public static IReadOnlyList<DeclaredProperty> PropertiesFromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<DeclaredProperty[]>(json, Json) ?? [];
}
