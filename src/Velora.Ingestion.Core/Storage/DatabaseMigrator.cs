using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Velora.Ingestion.Storage;

/// <summary>
/// Applies the embedded, versioned SQL scripts in order. An advisory lock makes it safe for the gateway and
/// several workers to start at once; the version table makes it a no-op on restart. It connects as the schema owner
/// (<c>Database:AdminConnectionString</c>), which the gateway's own connection is not.
/// </summary>
public sealed class DatabaseMigrator(IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger)
{
    const long LockKey = 0x56454C4F5241; // "VELORA"

    public Task MigrateAsync(CancellationToken cancellationToken) => MigrateThroughAsync(null, cancellationToken);

    /// <summary>
    /// Applies the scripts up to and including <paramref name="lastVersion"/> (all of them when null): how a test builds
    /// the database an earlier version left, to show that a migration keeps its data.
    /// </summary>
    public async Task MigrateThroughAsync(string? lastVersion, CancellationToken cancellationToken)
    {
        // Pooling off: one short-lived connection, not a pool kept open for the process's lifetime.
        var owner = new NpgsqlConnectionStringBuilder(options.Value.OwnerConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(owner.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, transaction);
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
            transaction: transaction);
        var applied = (await connection.QueryAsync<string>("SELECT version FROM schema_migrations", transaction: transaction)).ToHashSet();

        foreach (var (version, sql) in Scripts().TakeWhile(s => lastVersion is null || string.CompareOrdinal(s.Version, lastVersion) <= 0))
        {
            if (applied.Contains(version))
            {
                continue;
            }

            logger.LogInformation("Applying database migration {Version}", version);
            await connection.ExecuteAsync(sql, transaction: transaction);
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version) VALUES (@version)", new { version }, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    static IEnumerable<(string Version, string Sql)> Scripts()
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        const string prefix = "Velora.Ingestion.Storage.Migrations.";
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (Path.GetFileNameWithoutExtension(name[prefix.Length..]), reader.ReadToEnd());
        }
    }
}
