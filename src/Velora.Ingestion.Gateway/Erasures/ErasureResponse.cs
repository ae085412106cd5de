using Velora.Ingestion.Erasure;
using Velora.Ingestion.Jobs;

namespace Velora.Ingestion.Gateway.Erasures;

/// <summary>One erasure as the API answers it.</summary>
public sealed record ErasureResponse(Guid ErasureId, int UserCount, long RowsDeleted, long FailuresRedacted, string CreatedAt, string CompletedAt)
{
    public static ErasureResponse Of(UserErasure erasure) => new(
        erasure.Id, erasure.UserCount, erasure.RowsDeleted, erasure.FailuresRedacted,
        ImportSummaries.FormatUtc(erasure.CreatedAt), ImportSummaries.FormatUtc(erasure.CompletedAt));
}
