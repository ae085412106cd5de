using System.Security.Cryptography;
using System.Text;

namespace Velora.Ingestion.Messaging;

/// <summary>Message ids derived from the import id, so a message published twice is recognisably the same message.</summary>
public static class MessageIds
{
    public static Guid ImportCompleted(Guid importId) => Derive("import-completed", importId);

    public static Guid ImportRequested(Guid importId) => Derive("import-requested", importId);

    public static Guid ImportRevertRequested(Guid importId) => Derive("import-revert-requested", importId);

    static Guid Derive(string kind, Guid importId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}:{importId:N}"), hash);
        return new Guid(hash[..16]);
    }
}
