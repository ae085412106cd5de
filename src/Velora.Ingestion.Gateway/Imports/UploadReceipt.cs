namespace Velora.Ingestion.Gateway.Imports;

/// <summary>What receiving an upload came to: the stored file (name and size), or the answer that refused it.</summary>
public sealed record UploadReceipt(IResult? Refusal, string? FileName, long Size)
{
    /// <summary>The SHA-256 of the file as stored (after gzip), when it was asked for.</summary>
    public byte[]? ContentSha256 { get; init; }

    public static UploadReceipt Refused(IResult refusal) => new(refusal, null, 0);
}
