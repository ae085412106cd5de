using Velora.Ingestion.Storage;
using Velora.Ingestion.Tenants;

namespace Velora.Ingestion.Gateway.Tenants;

/// <summary>
/// <c>tenant create NAME</c>: creates a tenant (if new) and a fresh API key, printed as the last line.
/// Used by <c>./run.sh tenant NAME</c>; it talks to PostgreSQL only.
/// </summary>
public static class TenantCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "tenant";

    public static async Task<int> RunAsync(WebApplicationBuilder builder, string[] args)
    {
        if (args.Length != 3 || args[1] != "create" || string.IsNullOrWhiteSpace(args[2]))
        {
            await Console.Error.WriteLineAsync("usage: tenant create NAME");
            return 2;
        }

        // Logs go to stderr so that stdout ends with the key alone.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddIngestionCore(builder.Configuration);
        await using var services = builder.Services.BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var (tenant, apiKey) = await services.GetRequiredService<TenantStore>().CreateWithKeyAsync(args[2].Trim(), CancellationToken.None);
        await Console.Error.WriteLineAsync($"Tenant '{tenant.Name}' ({tenant.Id}): new API key below. It is shown once; only its hash is stored.");
        Console.WriteLine(apiKey);
        return 0;
    }
}
