namespace Velora.Ingestion.Contracts;

/// <summary>
/// Remove exactly the rows one import stored (the gateway's <c>POST /v1/imports/{id}/revert</c> publishes it once it
/// marked the import <c>reverting</c>). Safe to deliver twice: chunks already reverted are not touched again.
/// </summary>
public sealed record ImportRevertRequested(Guid ImportId, Guid TenantId);
