namespace Velora.Ingestion.Parsing;

/// <summary>
/// The columns the failures CSV adds after a file's own (row_number, column, code, error). A header that ends with all
/// four, in this order, is a failures CSV uploaded again once fixed: those columns are the report's, not the store's,
/// and are read as nothing.
/// </summary>
public static class FailureReportColumns
{
    public static IReadOnlyList<string> Names { get; } = ["row_number", "column", "code", "error"];

    /// <summary>How many leading columns of <paramref name="header"/> are the file's own.</summary>
    public static int DataColumnCount(IReadOnlyList<string> header)
    {
        var start = header.Count - Names.Count;
        if (start < 0)
        {
            return header.Count;
        }

        for (var i = 0; i < Names.Count; i++)
        {
            if (!string.Equals(header[start + i].Trim(), Names[i], StringComparison.OrdinalIgnoreCase))
            {
                return header.Count;
            }
        }

        return start;
    }
}
