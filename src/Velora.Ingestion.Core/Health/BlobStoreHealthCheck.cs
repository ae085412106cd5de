using Microsoft.Extensions.Diagnostics.HealthChecks;
using Velora.Ingestion.Blobs;

namespace Velora.Ingestion.Health;

/// <summary>Ready when a small blob can be written, read back and deleted.</summary>
public sealed class BlobStoreHealthCheck(IBlobStore blobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var key = $"health/{Guid.NewGuid():N}.probe";
        try
        {
            using var probe = new MemoryStream([1, 2, 3]);
            await blobs.WriteAsync(key, probe, cancellationToken);
            var length = await blobs.GetLengthAsync(key, cancellationToken);
            await blobs.DeleteAsync(key, cancellationToken);
            return length == 3 ? HealthCheckResult.Healthy("The blob store takes writes") : HealthCheckResult.Unhealthy("The blob store lost a probe");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy("The blob store does not take writes", e);
        }
    }
}
