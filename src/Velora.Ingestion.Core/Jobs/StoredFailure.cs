namespace Velora.Ingestion.Jobs;

/// <summary>A row failure as stored in <c>import_failures</c>; code, column and fields are null for failures recorded before schema 14.</summary>
public sealed record StoredFailure(long RowNumber, string UserId, string ItemId, string Error, DateTime FailedAt, string? Code, string? Column, string[]? Fields)
{
    // Dapper reads text[] as an Array, which matches no constructor parameter: it fills the properties instead.
    StoredFailure()
        : this(0, string.Empty, string.Empty, string.Empty, default, null, null, null)
    {
    }
}
