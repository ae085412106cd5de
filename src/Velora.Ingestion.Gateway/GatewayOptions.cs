namespace Velora.Ingestion.Gateway;

/// <summary>Bound from the <c>Gateway</c> section.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary><c>Gateway:MaxUploadBytes</c>: larger uploads are refused with 413.</summary>
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary><c>Gateway:PublishTimeout</c>: how long an upload waits for the broker before it is refused with 503.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
