using System.Globalization;

namespace Velora.Ingestion.Bench;

/// <summary>A table's rows and its bytes on disk: the heap (with TOAST) and all its indexes, as PostgreSQL counts them.</summary>
internal sealed record TableSizes(long Rows, long TableBytes, long IndexBytes)
{
    public double TableBytesPerRow => Rows == 0 ? 0 : TableBytes / (double)Rows;

    public double IndexBytesPerRow => Rows == 0 ? 0 : IndexBytes / (double)Rows;

    /// <summary>Bytes per row as printed: the table's, then its indexes'.</summary>
    public string PerRow => string.Create(CultureInfo.InvariantCulture, $"{TableBytesPerRow:F0} + {IndexBytesPerRow:F0}");

    /// <summary>The whole size, in kB below a megabyte: an empty table's own pages (tens of kB) are more than 5 % of a small run's.</summary>
    public string Size
    {
        get
        {
            var bytes = TableBytes + IndexBytes;
            return bytes < 1024 * 1024
                ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F0} kB")
                : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MB");
        }
    }

    /// <summary>
    /// Whether these sizes, taken before a run, leave <paramref name="measured"/> meaning bytes per row: only when the table held
    /// at most 5 % of them. PostgreSQL reuses the space deleted rows leave but keeps it in the files, so a table that held more
    /// (a working database after earlier runs: 49 MB for 318 failures) gave figures of nothing but that space.
    /// </summary>
    public bool LeavesPerRowFigure(TableSizes measured) => TableBytes + IndexBytes <= 0.05 * (measured.TableBytes + measured.IndexBytes);
}
