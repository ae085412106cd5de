namespace Velora.Ingestion.Contracts;

/// <summary>
/// Asks the workers to import one file that is already in the blob store.
/// Published by the gateway, and directly by other Velora services (see the README for the JSON form).
/// </summary>
/// <param name="ImportId">Chosen by the publisher; importing the same id twice runs the import once.</param>
/// <param name="TenantId">The store the interactions belong to.</param>
/// <param name="InteractionType">The file's interaction type, one of <c>GET /v1/interaction-types</c> (<c>purchase</c>, <c>view</c>, …); an unknown one fails the job.</param>
/// <param name="BlobKey">Key of the file in the shared blob store.</param>
/// <param name="FileName">The name the store gave the file; metadata only.</param>
/// <param name="Delimiter">The file's delimiter (<c>,</c> <c>;</c> <c>tab</c> <c>|</c>); null to detect it from the first lines.</param>
/// <param name="Encoding">The file's encoding when it has no byte order mark (<c>windows-1252</c>, …); null for UTF-8.</param>
/// <param name="Mapping">Header names to Velora's columns (<c>{"CustomerID": "user_id"}</c>), over the store's saved mapping.</param>
public sealed record ImportRequested(
    Guid ImportId,
    Guid TenantId,
    string InteractionType,
    string BlobKey,
    string? FileName,
    string? Delimiter = null,
    string? Encoding = null,
    IReadOnlyDictionary<string, string>? Mapping = null);
