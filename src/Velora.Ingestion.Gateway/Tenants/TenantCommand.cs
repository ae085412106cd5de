using Velora.Ingestion.Storage;
using Velora.Ingestion.Tenants;

namespace Velora.Ingestion.Gateway.Tenants;

/// <summary>
/// The tenant admin command, used by <c>./run.sh tenant …</c>; it talks to PostgreSQL only.
/// <c>tenant create NAME</c> creates the tenant (if new) and a fresh API key, printed as the last line;
/// <c>tenant keys NAME</c> lists the tenant's key ids; <c>tenant revoke NAME KEY_ID</c> revokes one at once.
/// </summary>
public static class TenantCommand
{
    const string Usage = "usage: tenant create NAME | tenant keys NAME | tenant revoke NAME KEY_ID";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "tenant";

    public static async Task<int> RunAsync(WebApplicationBuilder builder, string[] args)
    {
        if (args.Length < 3 || string.IsNullOrWhiteSpace(args[2]))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        // Logs go to stderr so that stdout carries only the answer.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        // Keys are written by the schema owner: the gateway's own role may only read them.
        var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Configuration[$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.ConnectionString)}"] = database.OwnerConnectionString;
        builder.Services.AddIngestionCore(builder.Configuration);
        await using var services = builder.Services.BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var tenants = services.GetRequiredService<TenantStore>();
        var name = args[2].Trim();
        switch (args[1])
        {
            case "create" when args.Length == 3:
                var (tenant, keyId, apiKey) = await tenants.CreateKeyAsync(name, CancellationToken.None);
                await Console.Error.WriteLineAsync($"Tenant '{tenant.Name}' ({tenant.Id}): new API key {keyId} below. It is shown once; only its hash is stored.");
                Console.WriteLine(apiKey);
                return 0;
            case "keys" when args.Length == 3:
                foreach (var key in await tenants.KeysAsync(name, CancellationToken.None))
                {
                    Console.WriteLine($"{key.Id} created {key.CreatedAt:u}{(key.RevokedAt is { } revoked ? $" revoked {revoked:u}" : " active")}");
                }

                return 0;
            case "revoke" when args.Length == 4 && Guid.TryParse(args[3], out var revokeId):
                if (await tenants.RevokeAsync(name, revokeId, CancellationToken.None))
                {
                    await Console.Error.WriteLineAsync($"Key {revokeId} of '{name}' revoked: it is refused from now on.");
                    return 0;
                }

                await Console.Error.WriteLineAsync($"'{name}' has no active key {revokeId}.");
                return 1;
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }
}
