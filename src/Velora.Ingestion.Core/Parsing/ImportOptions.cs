namespace Velora.Ingestion.Parsing;

/// <summary>
/// What an upload (or a direct <c>ImportRequested</c>) asked about its file's format; null means "detect it". Checked
/// by whoever records the job (<see cref="Delimiters"/>, <see cref="TextEncodings"/>), applied by the planner.
/// </summary>
public sealed record ImportOptions(char? Delimiter = null, string? Encoding = null)
{
    public static readonly ImportOptions Detect = new();

    /// <summary>Reads <c>delimiter=</c> and <c>encoding=</c> as given (null or empty: detect); the error says what is accepted.</summary>
    public static bool TryParse(string? delimiter, string? encoding, out ImportOptions options, out string? error)
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

        options = new ImportOptions(separator, name);
        return true;
    }
}
