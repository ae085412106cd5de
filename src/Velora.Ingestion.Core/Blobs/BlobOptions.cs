namespace Velora.Ingestion.Blobs;

/// <summary>Bound from the <c>Blobs</c> section.</summary>
public sealed class BlobOptions
{
    public const string SectionName = "Blobs";

    /// <summary><c>Blobs:Root</c>: the folder shared by gateway and workers (file-system store).</summary>
    public string Root { get; set; } = Path.Combine(Path.GetTempPath(), "velora-blobs");
}
