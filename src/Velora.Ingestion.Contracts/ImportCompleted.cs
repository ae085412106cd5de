namespace Velora.Ingestion.Contracts;

/// <summary>
/// Published once an import has ended, whether its rows landed (<c>succeeded</c>, row failures included)
/// or the file failed as a whole (<c>failed</c>, with <see cref="Error"/>).
/// Delivered at least once; a repeat carries the same message id.
/// </summary>
public sealed record ImportCompleted(
    Guid ImportId,
    Guid TenantId,
    string InteractionType,
    string Status,
    string? Error,
    DateTimeOffset CompletedAt,
    ImportSummary Summary);
