namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// Who holds an Idempotency-Key of a store: the import it was claimed for, and the fingerprint of the request that
/// claimed it (null while that request's file is still being received).
/// </summary>
public sealed record IdempotencyClaim(Guid ImportId, byte[]? Fingerprint)
{
    public bool IsComplete => Fingerprint is not null;
}
