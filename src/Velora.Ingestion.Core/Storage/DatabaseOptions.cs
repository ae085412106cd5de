namespace Velora.Ingestion.Storage;

/// <summary>Bound from the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Database:ConnectionString</c>; the default matches the local stack of run.sh.</summary>
    public string ConnectionString { get; set; } = "Host=127.0.0.1;Port=5432;Database=velora;Username=postgres";

    /// <summary>
    /// <c>Database:AdminConnectionString</c>: the schema owner's connection, for migrations and the tenant admin command.
    /// Empty means <see cref="ConnectionString"/> (the worker runs as the owner; the gateway does not).
    /// </summary>
    public string? AdminConnectionString { get; set; }

    /// <summary>The connection that may change the schema and the tenants.</summary>
    public string OwnerConnectionString => string.IsNullOrWhiteSpace(AdminConnectionString) ? ConnectionString : AdminConnectionString;

    /// <summary><c>Database:ApplyMigrations</c>: apply the versioned SQL scripts at start-up.</summary>
    public bool ApplyMigrations { get; set; } = true;
}
