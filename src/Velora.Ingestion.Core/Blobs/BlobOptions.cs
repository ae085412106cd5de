namespace Velora.Ingestion.Blobs;

/// <summary>Bound from the <c>Blobs</c> section.</summary>
public sealed class BlobOptions
{
    public const string SectionName = "Blobs";

    public const string FileSystemProvider = "FileSystem";

    public const string S3Provider = "S3";

    /// <summary><c>Blobs:Provider</c>: <c>FileSystem</c> (one folder every component mounts) or <c>S3</c> (an S3-compatible store).</summary>
    public string Provider { get; set; } = FileSystemProvider;

    /// <summary><c>Blobs:Root</c>: the folder shared by gateway and workers (file-system store).</summary>
    public string Root { get; set; } = Path.Combine(Path.GetTempPath(), "velora-blobs");

    /// <summary><c>Blobs:S3:*</c>, for the S3 provider.</summary>
    public S3BlobOptions S3 { get; set; } = new();
}
