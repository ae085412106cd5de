using System.Text.Json.Serialization;
using Velora.Ingestion.Interactions;
using Velora.Ingestion.Parsing;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// What one header column of a planned file was read as (the status's <c>columns</c>): one of the type's columns
/// (by mapping, name or alias), a property with its kind, or left out. Lets a store see that <c>Date</c> became the
/// timestamp before it wonders why rows failed.
/// </summary>
public sealed record ImportColumn(
    string Header,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Column,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Property,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Kind)
{
    /// <summary>The header as planning read it; null before planning (or for a file that failed before its header was read).</summary>
    public static IReadOnlyList<ImportColumn>? Of(Jobs.ImportJob job)
    {
        if (job.Rules is not { } rules || job.Columns is not { } columns || !InteractionSchemas.TryGet(job.InteractionType, out var schema))
        {
            return null;
        }

        // The status must answer whatever the stored header is; a header that no longer resolves shows no columns.
        return TryResolve(schema, columns, rules, out var read, out _) ? read : null;
    }

    /// <summary>Reads a header as planning would (<see cref="HeaderLayout"/>); false with the file's error when it would fail.</summary>
    public static bool TryResolve(InteractionSchema schema, IReadOnlyList<string> columns, HeaderRules rules, out IReadOnlyList<ImportColumn> read, out string? error)
    {
        read = [];
        error = null;
        HeaderLayout layout;
        try
        {
            layout = HeaderLayout.Resolve(schema, columns, rules);
        }
        catch (ImportFileException e)
        {
            error = e.Message;
            return false;
        }

        var known = new Dictionary<int, string> { [layout.UserId] = "user_id", [layout.ItemId] = "item_id" };
        for (var i = 0; i < schema.Columns.Count; i++)
        {
            if (layout.SchemaIndexes[i] != HeaderLayout.Absent)
            {
                known[layout.SchemaIndexes[i]] = schema.Columns[i].Name;
            }
        }

        read =
        [
            // The names as the file has them: the layout blanks a fixed failures CSV's report columns, which read as nothing.
            .. columns.Select(name => name.Trim().TrimStart('\uFEFF').Trim()).Select((header, index) =>
                known.TryGetValue(index, out var column) ? new ImportColumn(header, column, null, null)
                : layout.Properties.FirstOrDefault(p => p.Index == index) is { } property ? new ImportColumn(header, null, property.Name, property.Kind.ToString().ToLowerInvariant())
                : new ImportColumn(header, null, null, null)),
        ];
        return true;
    }
}
