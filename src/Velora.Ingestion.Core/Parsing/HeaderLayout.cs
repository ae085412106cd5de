using Velora.Ingestion.Interactions;

namespace Velora.Ingestion.Parsing;

/// <summary>
/// Where each column of an interaction type is in one file's header; every other named column becomes a property.
/// Made once when the file is planned and again, from the same header, by every chunk.
/// </summary>
public sealed record HeaderLayout(
    InteractionSchema Schema,
    IReadOnlyList<string> Columns,
    int UserId,
    int ItemId,
    IReadOnlyList<int> SchemaIndexes,
    IReadOnlyList<int> PropertyColumns)
{
    public const int Absent = -1;

    static readonly string[] Ids = ["user_id", "item_id"];

    /// <summary>The header index of <paramref name="column"/> of the schema, or <see cref="Absent"/>.</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Schema.Columns.Count; i++)
        {
            if (Schema.Columns[i].Name == column)
            {
                return SchemaIndexes[i];
            }
        }

        return Absent;
    }

    /// <summary>Maps header names (trimmed, case-insensitive, BOM already removed) to the type's columns.</summary>
    /// <exception cref="ImportFileException">A required column is missing or a column appears twice.</exception>
    public static HeaderLayout Resolve(InteractionSchema schema, IReadOnlyList<string> names)
    {
        var columns = names.Select(n => n.Trim().TrimStart('\uFEFF').Trim()).ToArray();
        var known = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var properties = new List<int>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < columns.Length; i++)
        {
            var name = columns[i];
            if (name.Length > 0 && !seen.Add(name))
            {
                throw new ImportFileException($"Duplicate column in header: {name}");
            }

            if (IsId(name) || schema.Column(name) is not null)
            {
                known[name] = i;
            }
            else if (name.Length > 0)
            {
                properties.Add(i);
            }
        }

        var required = Ids.Concat(schema.Columns.Where(c => c.Required).Select(c => c.Name));
        foreach (var column in required)
        {
            if (!known.ContainsKey(column))
            {
                throw new ImportFileException(MissingColumnMessage(column, columns));
            }
        }

        return new HeaderLayout(
            schema,
            columns,
            known["user_id"],
            known["item_id"],
            [.. schema.Columns.Select(c => known.GetValueOrDefault(c.Name, Absent))],
            properties);
    }

    static bool IsId(string name) =>
        string.Equals(name, "user_id", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "item_id", StringComparison.OrdinalIgnoreCase);

    static string MissingColumnMessage(string column, string[] columns)
    {
        var message = $"Missing required column: {column}";
        // A file read with the wrong delimiter reads as one wide column; say so instead of only "missing".
        if (columns.Length == 1 && columns[0].AsSpan().IndexOfAny(",;\t|") >= 0)
        {
            message += " (the header reads as one column: the file is delimited by another character; leave delimiter= out to detect it)";
        }

        return message;
    }
}
