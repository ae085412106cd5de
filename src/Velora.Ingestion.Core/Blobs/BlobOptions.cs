using System.ComponentModel.DataAnnotations;

namespace Velora.Ingestion.Blobs;

/// <summary>Bound from the <c>Blobs</c> section.</summary>
public sealed class BlobOptions : IValidatableObject
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

    /// <summary>The provider's name (either case), and the nested <c>Blobs:S3</c> section's ranges: data annotations alone check only this class's own members.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        if (!Provider.Equals(FileSystemProvider, StringComparison.OrdinalIgnoreCase) && !Provider.Equals(S3Provider, StringComparison.OrdinalIgnoreCase))
        {
            results.Add(new ValidationResult($"Blobs:Provider must be {FileSystemProvider} or {S3Provider}.", [nameof(Provider)]));
        }

        Validator.TryValidateObject(S3, new ValidationContext(S3), results, validateAllProperties: true);
        return results;
    }
}
