namespace Velora.Ingestion.Gateway.Imports;

/// <summary>A compressed upload inflated past <c>Gateway:MaxDecompressedBytes</c> (a gzip bomb, or simply too big).</summary>
public sealed class DecompressedTooLargeException(long limit)
    : IOException($"The upload decompresses to more than {limit} bytes.")
{
    public long Limit { get; } = limit;
}
