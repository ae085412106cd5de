namespace Velora.Ingestion.Jobs;

/// <summary>A row failure as stored in <c>import_failures</c>.</summary>
public sealed record StoredFailure(long RowNumber, string UserId, string ItemId, string Error, DateTime FailedAt);
