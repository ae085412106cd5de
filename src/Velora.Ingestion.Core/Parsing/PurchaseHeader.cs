namespace Velora.Ingestion.Parsing;

/// <summary>Where each known column of a purchase file is; every other column becomes a property.</summary>
public sealed record PurchaseHeader(
    IReadOnlyList<string> Columns,
    int UserId,
    int ItemId,
    int Timestamp,
    int Quantity,
    int Price,
    IReadOnlyList<int> PropertyColumns)
{
    public const int Absent = -1;

    /// <summary>Maps header names (trimmed, case-insensitive, BOM already removed) to the purchase columns.</summary>
    /// <exception cref="ImportFileException">A required column is missing or a known column appears twice.</exception>
    public static PurchaseHeader From(IReadOnlyList<string> names)
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

            if (KnownColumns.Contains(name))
            {
                known[name] = i;
            }
            else if (name.Length > 0)
            {
                properties.Add(i);
            }
        }

        foreach (var required in new[] { "user_id", "item_id" })
        {
            if (!known.ContainsKey(required))
            {
                throw new ImportFileException(MissingColumnMessage(required, columns));
            }
        }

        return new PurchaseHeader(
            columns,
            known["user_id"],
            known["item_id"],
            known.GetValueOrDefault("timestamp", Absent),
            known.GetValueOrDefault("quantity", Absent),
            known.GetValueOrDefault("price", Absent),
            properties);
    }

    static readonly HashSet<string> KnownColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        "user_id", "item_id", "timestamp", "quantity", "price",
    };

    static string MissingColumnMessage(string column, string[] columns)
    {
        var message = $"Missing required column: {column}";
        // A file saved with another separator reads as one wide column; say so instead of only "missing".
        if (columns.Length == 1 && (columns[0].Contains(';', StringComparison.Ordinal) || columns[0].Contains('\t', StringComparison.Ordinal)))
        {
            message += " (the header looks delimited by ';' or tab: purchase files must be comma-separated)";
        }

        return message;
    }
}
