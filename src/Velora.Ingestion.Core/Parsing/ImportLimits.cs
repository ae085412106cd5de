using System.ComponentModel.DataAnnotations;

namespace Velora.Ingestion.Parsing;

/// <summary>
/// Bound from the <c>Import</c> section: how wide a file and its values may be, so that one file cannot make every row
/// (and its stored properties) huge. A record over <see cref="InteractionCsv.MaxRecordBytes"/> fails the file whatever these say.
/// </summary>
public sealed class ImportLimits
{
    public const string SectionName = "Import";

    public static readonly ImportLimits Default = new();

    /// <summary><c>Import:MaxColumns</c>: a header with more columns fails the file.</summary>
    [Range(2, 10_000, ErrorMessage = "Import:MaxColumns must be between {1} and {2}.")]
    public int MaxColumns { get; set; } = 100;

    /// <summary>
    /// <c>Import:MaxFieldLength</c>: a property value longer than this (in characters) fails its row.
    /// user_id and item_id have their own, smaller limit (<c>RowValidator.MaxIdLength</c>).
    /// </summary>
    [Range(1, 1_048_576, ErrorMessage = "Import:MaxFieldLength must be between {1} and {2}.")]
    public int MaxFieldLength { get; set; } = 4096;
}
