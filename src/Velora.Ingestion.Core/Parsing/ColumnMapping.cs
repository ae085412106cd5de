using System.Text.Json;

namespace Velora.Ingestion.Parsing;

/// <summary>
/// Which header column is which of Velora's columns, as a store says it (<c>map=CustomerID:user_id</c> on upload, a
/// JSON object in <c>mapping=</c>, or the mapping saved for the store and type). A target that is not a column of the
/// type renames the column as a property; an empty target leaves the column out. Source names compare
/// case-insensitively after trimming.
/// </summary>
public sealed class ColumnMapping
{
    public static readonly ColumnMapping None = new(new Dictionary<string, string>());

    readonly Dictionary<string, string> _targets;

    ColumnMapping(IReadOnlyDictionary<string, string> targets)
    {
        // Sources compare case-insensitively: of two spellings of one source, the last one given wins.
        _targets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (source, target) in targets)
        {
            _targets[source.Trim()] = target?.Trim() ?? string.Empty;
        }
    }

    public IReadOnlyDictionary<string, string> Targets => _targets;

    public bool IsEmpty => _targets.Count == 0;

    public bool TryGetTarget(string source, out string target) => _targets.TryGetValue(source.Trim(), out target!);

    /// <summary>
    /// This mapping with <paramref name="over"/>'s entries in place of its own: for the same source, and for the same
    /// target (an upload that maps <c>Kunde</c> to <c>user_id</c> replaces a saved <c>CustomerID</c> to <c>user_id</c>).
    /// </summary>
    public ColumnMapping Overlaid(ColumnMapping over)
    {
        var targets = over._targets.Values.Where(t => t.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var merged = _targets.Where(p => !targets.Contains(p.Value)).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var (source, target) in over._targets)
        {
            merged[source] = target;
        }

        return new ColumnMapping(merged);
    }

    public string ToJson() => JsonSerializer.Serialize(_targets);

    public static ColumnMapping FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? None : new ColumnMapping(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []);

    /// <summary>
    /// Reads a mapping as an upload gives it: a JSON object (<c>mapping=</c>) and/or <c>source:target</c> pairs
    /// (repeated <c>map=</c>; the last colon splits, so a source may hold one). The error says what is wrong.
    /// </summary>
    public static bool TryParse(string? json, IEnumerable<string> pairs, out ColumnMapping mapping, out string? error)
    {
        mapping = None;
        error = null;
        var targets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(json))
        {
            try
            {
                foreach (var (source, target) in JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [])
                {
                    targets[source.Trim()] = target?.Trim() ?? string.Empty;
                }
            }
            catch (JsonException)
            {
                error = """mapping is not a JSON object of header names to column names, e.g. {"CustomerID":"user_id"}""";
                return false;
            }
        }

        foreach (var pair in pairs)
        {
            var colon = pair.LastIndexOf(':');
            if (colon <= 0)
            {
                error = $"map '{pair}' is not SOURCE:TARGET, e.g. map=CustomerID:user_id";
                return false;
            }

            targets[pair[..colon].Trim()] = pair[(colon + 1)..].Trim();
        }

        return TryCreate(targets, out mapping, out error);
    }

    /// <summary>Checks a mapping given as an object (a saved one, say): no empty source, no target named twice.</summary>
    public static bool TryCreate(IReadOnlyDictionary<string, string> targets, out ColumnMapping mapping, out string? error)
    {
        mapping = None;
        error = null;
        if (targets.Keys.Any(k => k.Trim().Length == 0))
        {
            error = "a mapping's source column name is empty";
            return false;
        }

        var twice = targets.Values.Select(v => v?.Trim() ?? string.Empty).Where(v => v.Length > 0).GroupBy(v => v, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            error = $"the mapping names {twice.Key} as the target of {string.Join(" and ", targets.Where(p => string.Equals(p.Value?.Trim(), twice.Key, StringComparison.OrdinalIgnoreCase)).Select(p => p.Key))}";
            return false;
        }

        mapping = new ColumnMapping(targets);
        return true;
    }
}
