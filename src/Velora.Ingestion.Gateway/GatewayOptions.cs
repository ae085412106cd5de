using System.ComponentModel.DataAnnotations;

namespace Velora.Ingestion.Gateway;

/// <summary>Bound from the <c>Gateway</c> section.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary><c>Gateway:MaxUploadBytes</c>: larger uploads are refused with 413.</summary>
    [Range(typeof(long), "1", "9223372036854775807", ErrorMessage = "Gateway:MaxUploadBytes must be between {1} and {2}.")]
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// <c>Gateway:MaxDecompressedBytes</c>: a gzip upload that inflates past this is refused with 413 (a gzip bomb stops here,
    /// having cost at most this much disk).
    /// </summary>
    [Range(typeof(long), "1", "9223372036854775807", ErrorMessage = "Gateway:MaxDecompressedBytes must be between {1} and {2}.")]
    public long MaxDecompressedBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary><c>Gateway:MaxActiveImportsPerTenant</c>: a store with this many imports queued or running gets 429.</summary>
    [Range(1, 10_000, ErrorMessage = "Gateway:MaxActiveImportsPerTenant must be between {1} and {2}.")]
    public int MaxActiveImportsPerTenant { get; set; } = 4;

    /// <summary><c>Gateway:BusyRetryAfterSeconds</c>: the Retry-After of a 429.</summary>
    [Range(1, 3_600, ErrorMessage = "Gateway:BusyRetryAfterSeconds must be between {1} and {2}.")]
    public int BusyRetryAfterSeconds { get; set; } = 30;

    /// <summary><c>Gateway:PublishTimeout</c>: how long an upload waits for the broker before it is refused with 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Gateway:PublishTimeout must be between {1} and {2}.")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
