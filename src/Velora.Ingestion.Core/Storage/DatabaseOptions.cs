namespace Velora.Ingestion.Storage;

/// <summary>Bound from the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Database:ConnectionString</c>; the default matches the local stack of run.sh.</summary>
    public string ConnectionString { get; set; } = "Host=127.0.0.1;Port=5432;Database=velora;Username=postgres";

    /// <summary><c>Database:ApplyMigrations</c>: apply the versioned SQL scripts at start-up.</summary>
    public bool ApplyMigrations { get; set; } = true;
}
