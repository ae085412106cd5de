using System.Security.Cryptography;
using System.Text;

namespace Velora.Ingestion.Tenants;

/// <summary>API keys: 256 random bits, shown once, stored only as their SHA-256 hash.</summary>
public static class ApiKeys
{
    const string Prefix = "vel_";

    public static string Generate() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string apiKey) => SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
}
