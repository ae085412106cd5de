namespace Velora.Ingestion.Parsing;

/// <summary>
/// What an upload (or a direct <c>ImportRequested</c>) asked about its file: its format (null means "detect it") and
/// the mapping of its headers (over the one the store saved). Checked by whoever records the job
/// (<see cref="Delimiters"/>, <see cref="TextEncodings"/>, <see cref="ColumnMapping"/>), applied by the planner.
/// </summary>
public sealed record ImportOptions(char? Delimiter = null, string? Encoding = null, ColumnMapping? Mapping = null)
{
    public static readonly ImportOptions Detect = new();

    public ColumnMapping ColumnMapping => Mapping ?? ColumnMapping.None;

    /// <summary>Reads <c>delimiter=</c> and <c>encoding=</c> as given (null or empty: detect); the error says what is accepted.</summary>
    public static bool TryParse(string? delimiter, string? encoding, out ImportOptions options, out string? error) =>
        TryParse(delimiter, encoding, null, [], out options, out error);

    /// <summary>Also reads the upload's mapping: <c>mapping=</c> (a JSON object) and repeated <c>map=SOURCE:TARGET</c>.</summary>
    public static bool TryParse(string? delimiter, string? encoding, string? mapping, IEnumerable<string> map, out ImportOptions options, out string? error)
    {
        options = Detect;
        error = null;
        char? separator = null;
        if (!string.IsNullOrEmpty(delimiter))
        {
            if (!Delimiters.TryParse(delimiter, out var parsed))
            {
                error = $"delimiter '{delimiter}' is not supported: {Delimiters.Expected}";
                return false;
            }

            separator = parsed;
        }

        string? name = null;
        if (!string.IsNullOrWhiteSpace(encoding) && !TextEncodings.TryResolve(encoding, out name, out error))
        {
            return false;
        }

        if (!ColumnMapping.TryParse(mapping, map, out var columns, out error))
        {
            return false;
        }

        options = new ImportOptions(separator, name, columns);
        return true;
    }
}
