namespace Velora.Ingestion.Blobs;

/// <summary>Makes and checks blob keys: <c>{tenant}/{import}.csv</c>, lower-case, no user input.</summary>
public static class BlobKeys
{
    public static string ForImport(Guid tenantId, Guid importId) => $"{TenantPrefix(tenantId)}{importId:N}.csv";

    /// <summary>Every blob of a tenant lives under this prefix, so a request can only import its own tenant's files.</summary>
    public static string TenantPrefix(Guid tenantId) => $"{tenantId:N}/";

    public static bool BelongsTo(string key, Guid tenantId) => key.StartsWith(TenantPrefix(tenantId), StringComparison.Ordinal);

    /// <summary>
    /// Keys published by other services are checked before use: relative, made of safe characters, no <c>..</c> segment.
    /// </summary>
    public static bool IsSafe(string key) =>
        key.Length is > 0 and <= 512
        && key[0] != '/'
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')
        && key.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..");
}
