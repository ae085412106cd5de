using System.ComponentModel.DataAnnotations;

namespace Velora.Ingestion.Blobs;

/// <summary>Bound from <c>Blobs:S3</c>: an S3-compatible object store (AWS S3, MinIO, Ceph, s3rver).</summary>
public sealed class S3BlobOptions
{
    /// <summary><c>Blobs:S3:ServiceUrl</c>: the server's address; empty means AWS S3 in <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary><c>Blobs:S3:Bucket</c>: created at first use when missing.</summary>
    public string Bucket { get; set; } = "velora-imports";

    /// <summary><c>Blobs:S3:Region</c>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary><c>Blobs:S3:AccessKey</c> / <c>SecretKey</c>; empty means the SDK's default credentials (environment, instance role).</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary><c>Blobs:S3:ForcePathStyle</c>: <c>http://host/bucket/key</c> addresses, which most non-AWS servers need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary><c>Blobs:S3:PartSizeBytes</c>: uploads larger than one part go up in parts of this size (S3's minimum is 5 MiB).</summary>
    [Range(5 * 1024 * 1024, int.MaxValue, ErrorMessage = "Blobs:S3:PartSizeBytes must be between {1} and {2} (S3's smallest part is 5 MiB).")]
    public int PartSizeBytes { get; set; } = 8 * 1024 * 1024;
}
