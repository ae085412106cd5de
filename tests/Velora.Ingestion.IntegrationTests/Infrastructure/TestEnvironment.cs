using System.Net.Http.Headers;
using System.Text;
using Npgsql;

namespace Velora.Ingestion.IntegrationTests.Infrastructure;

/// <summary>A database and a RabbitMQ virtual host of this test run's own, so runs never see each other's rows or messages.</summary>
public sealed class TestEnvironment : IAsyncDisposable
{
    readonly ServiceAddresses _services;
    readonly string _database;
    readonly string? _virtualHost;

    TestEnvironment(ServiceAddresses services, string database, string? virtualHost, string blobRoot)
    {
        _services = services;
        _database = database;
        _virtualHost = virtualHost;
        BlobRoot = blobRoot;
    }

    public string BlobRoot { get; }

    /// <summary>The name of this run's database (for tools that take a name, like run.sh's VELORA_DB_NAME).</summary>
    public string DatabaseName => _database;

    /// <summary>The schema owner's connection (the worker's, and the admin's).</summary>
    public string DatabaseConnectionString => new NpgsqlConnectionStringBuilder(_services.Postgres) { Database = _database }.ConnectionString;

    /// <summary>The gateway's connection: the velora_api role, under row-level security.</summary>
    public string ApiConnectionString =>
        new NpgsqlConnectionStringBuilder(DatabaseConnectionString) { Username = ApiRole, Password = ApiRolePassword(_services.Postgres) }.ConnectionString;

    public Uri RabbitMq => _virtualHost is null ? _services.RabbitMq : new UriBuilder(_services.RabbitMq) { Path = "/" + Uri.EscapeDataString(_virtualHost) }.Uri;

    public string VirtualHost => _virtualHost ?? Uri.UnescapeDataString(_services.RabbitMq.AbsolutePath.TrimStart('/')) switch { "" => "/", var v => v };

    public (string User, string Password) RabbitCredentials
    {
        get
        {
            var parts = Uri.UnescapeDataString(_services.RabbitMq.UserInfo).Split(':', 2);
            return parts.Length == 2 ? (parts[0], parts[1]) : ("guest", "guest");
        }
    }

    /// <summary>The RabbitMQ management API of this run's broker, or null where it is not reachable.</summary>
    public HttpClient? ManagementClient() => _services.RabbitMqManagement is { } management ? Management(management) : null;

    public static async Task<TestEnvironment> CreateAsync()
    {
        var services = await ServiceAddresses.ResolveAsync();
        var run = $"velora_it_{Guid.NewGuid():N}"[..24];
        await using (var connection = new NpgsqlConnection(services.Postgres))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{run}\"", connection);
            await create.ExecuteNonQueryAsync();
            if (ApiRolePassword(services.Postgres) is { } password)
            {
                // A server that checks passwords (a container) needs one for the role the migration would create without.
                await using var role = new NpgsqlCommand(
                    $"DO $$ BEGIN CREATE ROLE {ApiRole} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$; ALTER ROLE {ApiRole} PASSWORD '{password}'",
                    connection);
                await role.ExecuteNonQueryAsync();
            }
        }

        string? virtualHost = null;
        if (services.RabbitMqManagement is { } management)
        {
            virtualHost = run;
            using var http = Management(management);
            var user = Uri.UnescapeDataString(services.RabbitMq.UserInfo).Split(':')[0];
            (await http.PutAsync($"api/vhosts/{virtualHost}", Json("{}"))).EnsureSuccessStatusCode();
            (await http.PutAsync($"api/permissions/{virtualHost}/{Uri.EscapeDataString(user)}", Json("""{"configure":".*","write":".*","read":".*"}"""))).EnsureSuccessStatusCode();
        }

        var blobRoot = Directory.CreateTempSubdirectory("velora-it-blobs-").FullName;
        return new TestEnvironment(services, run, virtualHost, blobRoot);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(_services.Postgres))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (_virtualHost is not null && _services.RabbitMqManagement is { } management)
        {
            using var http = Management(management);
            await http.DeleteAsync($"api/vhosts/{_virtualHost}");
        }

        Directory.Delete(BlobRoot, recursive: true);
        await _services.DisposeAsync();
    }

    const string ApiRole = "velora_api";

    // The local stack trusts 127.0.0.1; only a server reached with a password gets one for velora_api too.
    static string? ApiRolePassword(string adminConnection) =>
        string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(adminConnection).Password) ? null : "velora-api-test";

    static HttpClient Management(Uri management)
    {
        var http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority) + "/") };
        var credentials = Uri.UnescapeDataString(management.UserInfo);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return http;
    }

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
