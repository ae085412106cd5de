namespace Velora.Ingestion.Gateway;

/// <summary>Bound from the <c>Gateway</c> section.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary><c>Gateway:MaxUploadBytes</c>: larger uploads are refused with 413.</summary>
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// <c>Gateway:MaxDecompressedBytes</c>: a gzip upload that inflates past this is refused with 413 (a gzip bomb stops here,
    /// having cost at most this much disk).
    /// </summary>
    public long MaxDecompressedBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary><c>Gateway:MaxActiveImportsPerTenant</c>: a store with this many imports queued or running gets 429.</summary>
    public int MaxActiveImportsPerTenant { get; set; } = 4;

    /// <summary><c>Gateway:BusyRetryAfterSeconds</c>: the Retry-After of a 429.</summary>
    public int BusyRetryAfterSeconds { get; set; } = 30;

    /// <summary><c>Gateway:PublishTimeout</c>: how long an upload waits for the broker before it is refused with 503.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
