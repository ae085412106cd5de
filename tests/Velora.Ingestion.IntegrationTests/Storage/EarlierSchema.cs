using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Velora.Ingestion.Storage;

namespace Velora.Ingestion.IntegrationTests.Storage;

/// <summary>
/// A database of its own built by the migrations up to one version, with one store in it: a migration test writes rows as
/// that version wrote them, runs the remaining migrations and reads what they made of them.
/// </summary>
public sealed class EarlierSchema : IAsyncDisposable
{
    readonly TestEnvironment _environment;
    readonly DatabaseMigrator _migrator;

    EarlierSchema(TestEnvironment environment, DatabaseMigrator migrator, NpgsqlConnection connection, Guid tenant) =>
        (_environment, _migrator, Connection, Tenant) = (environment, migrator, connection, tenant);

    /// <summary>Open as the owner, so rows can be written as the old code did, around the row-level security.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>A store created under the earlier schema.</summary>
    public Guid Tenant { get; }

    /// <summary>Migrates a new database through <paramref name="lastMigration"/> (its file name without <c>.sql</c>).</summary>
    public static async Task<EarlierSchema> ThroughAsync(string lastMigration)
    {
        var environment = await TestEnvironment.CreateAsync();
        var migrator = new DatabaseMigrator(
            Options.Create(new DatabaseOptions { ConnectionString = environment.DatabaseConnectionString }), NullLogger<DatabaseMigrator>.Instance);
        await migrator.MigrateThroughAsync(lastMigration, CancellationToken.None);
        var connection = new NpgsqlConnection(environment.DatabaseConnectionString);
        await connection.OpenAsync();
        var tenant = Guid.NewGuid();
        await connection.ExecuteAsync("INSERT INTO tenants (id, name) VALUES (@tenant, 'old')", new { tenant });
        return new EarlierSchema(environment, migrator, connection, tenant);
    }

    /// <summary>Runs every later migration, as a deployment of this version does at start-up.</summary>
    public Task MigrateToLatestAsync() => _migrator.MigrateAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await _environment.DisposeAsync();
    }
}
