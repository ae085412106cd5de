using Velora.Ingestion.Interactions;

namespace Velora.Ingestion.Parsing;

/// <summary>
/// Where each column of an interaction type is in one file's header, and which columns are kept as properties. A header
/// column is a type's column by the store's mapping, else by its exact name, else by an alias (<see cref="ColumnAliases"/>);
/// every other named column is a property (declared ones with their kind). Made once when the file is planned and again,
/// from the same header and rules, by every chunk.
/// </summary>
public sealed record HeaderLayout(
    InteractionSchema Schema,
    IReadOnlyList<string> Columns,
    int UserId,
    int ItemId,
    IReadOnlyList<int> SchemaIndexes,
    IReadOnlyList<PropertyColumn> Properties)
{
    public const int Absent = -1;

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

    public static HeaderLayout Resolve(InteractionSchema schema, IReadOnlyList<string> names) => Resolve(schema, names, HeaderRules.None);

    /// <summary>Maps header names (trimmed, case-insensitive, BOM already removed) to the type's columns.</summary>
    /// <exception cref="ImportFileException">A required column is missing, a column appears twice, or two columns could be one.</exception>
    public static HeaderLayout Resolve(InteractionSchema schema, IReadOnlyList<string> names, HeaderRules rules)
    {
        var columns = names.Select(n => n.Trim().TrimStart('\uFEFF').Trim()).ToArray();
        // A fixed failures CSV keeps the report's columns at its end: they are left out as an empty name is.
        for (var i = FailureReportColumns.DataColumnCount(columns); i < columns.Length; i++)
        {
            columns[i] = string.Empty;
        }

        var duplicate = columns.Where(c => c.Length > 0).GroupBy(c => c, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ImportFileException($"Duplicate column in header: {duplicate.Skip(1).First()}");
        }

        var known = new List<string>(["user_id", "item_id", .. schema.Columns.Select(c => c.Name)]);
        // 1. The store's mapping. 2. Exact names, unless the mapping gives that column to another header column (the
        // exact one then stays a property). 3. Aliases, for the columns still missing, never taking a column the store
        // declared as a property; two aliases of an optional column are left as properties, of a required one fail.
        var targets = new string?[columns.Length];
        var mapped = new bool[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            if (rules.Mapping.TryGetTarget(columns[i], out var target))
            {
                targets[i] = Canonical(target, known);
                mapped[i] = true;
            }
        }

        var mappedColumns = targets.Where((t, i) => mapped[i] && t is not null && known.Contains(t)).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            if (!mapped[i] && known.FirstOrDefault(k => string.Equals(k, columns[i], StringComparison.OrdinalIgnoreCase)) is { } exact && !mappedColumns.Contains(exact))
            {
                targets[i] = exact;
            }
        }

        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            if (targets[i] is { } target && known.Contains(target) && !found.TryAdd(target, i))
            {
                throw new ImportFileException(
                    $"Columns {columns[found[target]]} and {columns[i]} are both {target}: keep one, e.g. map={columns[i]}: to leave {columns[i]} out");
            }
        }

        foreach (var column in rules.Aliases ? known.Where(k => !found.ContainsKey(k)).ToArray() : [])
        {
            var candidates = Enumerable.Range(0, columns.Length)
                .Where(i => targets[i] is null && !mapped[i] && rules.Property(columns[i]) is null && ColumnAliases.Matches(column, columns[i]))
                .ToArray();
            if (candidates.Length > 1 && IsRequired(schema, column))
            {
                throw new ImportFileException(
                    $"Columns {string.Join(" and ", candidates.Select(i => columns[i]))} could each be {column}: name one with map={columns[candidates[0]]}:{column}");
            }

            if (candidates.Length == 1)
            {
                targets[candidates[0]] = column;
                found[column] = candidates[0];
            }
        }

        var properties = new List<PropertyColumn>();
        for (var i = 0; i < columns.Length; i++)
        {
            // An empty target leaves the column out; a target that is none of the type's columns renames a property.
            if (targets[i] is { } target && found.TryGetValue(target, out var at) && at == i)
            {
                continue;
            }

            var name = targets[i] ?? columns[i];
            if (name.Length > 0)
            {
                if (properties.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new ImportFileException($"Two columns would both be stored as the property {name}: map one of them to another name");
                }

                var declared = rules.Property(name);
                properties.Add(new PropertyColumn(i, declared?.Name ?? name, declared?.Kind ?? PropertyKind.Text, declared?.Required ?? false));
            }
        }

        var required = known.Where(k => IsRequired(schema, k))
            .Concat(rules.Properties.Where(p => p.Required).Select(p => p.Name));
        foreach (var column in required)
        {
            if (!found.ContainsKey(column) && !properties.Any(p => string.Equals(p.Name, column, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ImportFileException(MissingColumnMessage(column, columns, targets));
            }
        }

        return new HeaderLayout(schema, columns, found["user_id"], found["item_id"], [.. schema.Columns.Select(c => found.GetValueOrDefault(c.Name, Absent))], properties);
    }

    static bool IsRequired(InteractionSchema schema, string column) => column is "user_id" or "item_id" || schema.Column(column)!.Required;

    static string Canonical(string target, List<string> known) =>
        known.FirstOrDefault(k => string.Equals(k, target, StringComparison.OrdinalIgnoreCase)) ?? target;

    static string MissingColumnMessage(string column, string[] columns, string?[] targets)
    {
        var message = $"Missing required column: {column}";
        // A file read with the wrong delimiter reads as one wide column; say so instead of only "missing".
        if (columns.Length == 1 && columns[0].AsSpan().IndexOfAny(",;\t|") >= 0)
        {
            return message + " (the header reads as one column: the file is delimited by another character; leave delimiter= out to detect it)";
        }

        var closest = Enumerable.Range(0, columns.Length)
            .Where(i => targets[i] is null && columns[i].Length > 0)
            .Select(i => (Name: columns[i], Distance: Distance(column, columns[i])))
            .OrderBy(c => c.Distance)
            .Take(3)
            .Select(c => c.Name)
            .ToArray();
        return closest.Length == 0
            ? message
            : $"{message} (closest in the header: {string.Join(", ", closest)}; name it with map={closest[0]}:{column})";
    }

    /// <summary>Edit distance between the names as aliases compare them, and to the nearest alias of the column.</summary>
    static int Distance(string column, string header)
    {
        var name = ColumnAliases.Normalize(header);
        return ColumnAliases.Of(column).Append(column).Min(candidate => Levenshtein(ColumnAliases.Normalize(candidate), name));
    }

    static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
