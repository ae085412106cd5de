namespace Velora.Ingestion.Jobs;

/// <summary>A row failure as stored in <c>import_failures</c>; code, column and fields are null for failures recorded before schema 14.</summary>
public sealed record StoredFailure(long RowNumber, string UserId, string ItemId, string Error, DateTime FailedAt, string? Code, string? Column, string[]? Fields)
{
    /// <summary>Reads an import's failures after <c>@afterRow</c> into this record; callers add their filter and order.</summary>
    public const string Query = """
        SELECT row_number AS RowNumber, user_id AS UserId, item_id AS ItemId, error AS Error, failed_at AS FailedAt,
               code AS Code, column_name AS Column, fields AS Fields
        FROM import_failures WHERE import_id = @importId AND row_number > @afterRow
        """;

    // Dapper reads text[] as an Array, which matches no constructor parameter: it fills the properties instead.
    StoredFailure()
        : this(0, string.Empty, string.Empty, string.Empty, default, null, null, null)
    {
    }
}
