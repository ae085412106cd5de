using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Velora.Ingestion.Blobs;
using Velora.Ingestion.Interactions;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Parsing;
using Velora.Ingestion.Resilience;
using Velora.Ingestion.Storage;
using Velora.Ingestion.Telemetry;
using Velora.Ingestion.Tenants;

namespace Velora.Ingestion;

/// <summary>
/// Registers what both services use: options, PostgreSQL, the shared stores, blob store, resilience, metrics and the
/// schema migrator. Each service registers its own rooms (<c>AddIngestionWorker</c>, <c>AddIngestionGateway</c>).
/// </summary>
public static class IngestionServices
{
    public static IServiceCollection AddIngestionCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<DatabaseOptions>(configuration, DatabaseOptions.SectionName);
        services.AddCheckedOptions<BlobOptions>(configuration, BlobOptions.SectionName);
        services.AddCheckedOptions<ImportLimits>(configuration, ImportLimits.SectionName);
        services.AddCheckedOptions<ResilienceOptions>(configuration, ResilienceOptions.SectionName);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
            new NpgsqlDataSourceBuilder(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString).Build());
        services.AddSingleton<IBlobStore>(provider => BlobStoreFor(provider));
        services.AddIngestionPipelines();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<TenantImports>();
        services.AddSingleton<TenantStore>();
        services.AddSingleton<InteractionSettings>();
        services.AddSingleton<Erasure.UserErasures>();
        services.AddMetrics();
        services.AddSingleton<IngestionMetrics>();
        // Registered first so the schema exists before MassTransit starts consuming or the gateway serves.
        services.AddHostedService<MigrationHostedService>();
        return services;
    }

    static IBlobStore BlobStoreFor(IServiceProvider provider)
    {
        var name = provider.GetRequiredService<IOptions<BlobOptions>>().Value.Provider;
        if (name.Equals(BlobOptions.S3Provider, StringComparison.OrdinalIgnoreCase))
        {
            return ActivatorUtilities.CreateInstance<S3BlobStore>(provider);
        }

        return name.Equals(BlobOptions.FileSystemProvider, StringComparison.OrdinalIgnoreCase)
            ? ActivatorUtilities.CreateInstance<FileSystemBlobStore>(provider)
            : throw new InvalidOperationException($"Blobs:Provider '{name}' is unknown: use {BlobOptions.FileSystemProvider} or {BlobOptions.S3Provider}.");
    }
}
