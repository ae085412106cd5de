using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Velora.Ingestion.Storage;

/// <summary>Brings the schema up to date before the host starts serving or consuming.</summary>
public sealed class MigrationHostedService(DatabaseMigrator migrator, IOptions<DatabaseOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.ApplyMigrations ? migrator.MigrateAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
