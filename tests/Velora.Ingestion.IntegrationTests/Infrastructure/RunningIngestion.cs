using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Velora.Ingestion.Tenants;
using Velora.Ingestion.Worker;

namespace Velora.Ingestion.IntegrationTests.Infrastructure;

/// <summary>
/// The whole product against real services: the gateway (in-process HTTP), one worker host, a fresh database and
/// virtual host, and a plain AMQP listener for ImportCompleted. Chunks are small (100 rows) so that modest files
/// already run as several parallel chunks.
/// </summary>
public class RunningIngestion : IAsyncLifetime, IAsyncDisposable
{
    public const int ChunkRows = 100;

    TestEnvironment _environment = null!;
    IHost? _worker;
    GatewayFactory _gateway = null!;
    NpgsqlDataSource? _adminDataSource;
    TenantStore? _adminTenants;

    public CompletedImports Completed { get; private set; } = null!;

    public TestEnvironment Environment => _environment;

    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>The configuration both components run with (also handed to worker processes as environment variables).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = null!;

    /// <summary>False for fixtures whose tests run the worker as an OS process of its own.</summary>
    protected virtual bool HostsWorker => true;

    protected virtual int ChunkSize => ChunkRows;

    /// <summary>Settings a fixture changes for both components (the worker's chunk window, say).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        _environment = await TestEnvironment.CreateAsync();
        var settings = SettingsFor(_environment, ChunkSize);
        foreach (var (key, value) in Overrides)
        {
            settings[key] = value;
        }
        Settings = settings;
        Completed = await CompletedImports.ListenAsync(_environment.RabbitMq);

        if (HostsWorker)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.AddIngestionWorker();
            _worker = builder.Build();
            await _worker.StartAsync();
        }

        _gateway = new GatewayFactory(GatewaySettings(settings, _environment));
        Gateway = _gateway.CreateClient();
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public virtual async Task DisposeAsync()
    {
        Gateway.Dispose();
        await _gateway.DisposeAsync();
        if (_worker is not null)
        {
            await _worker.StopAsync();
            _worker.Dispose();
        }

        await Completed.DisposeAsync();
        if (_adminDataSource is not null)
        {
            await _adminDataSource.DisposeAsync();
        }

        await _environment.DisposeAsync();
    }

    /// <summary>A second gateway with some settings changed (e.g. a broker that does not answer); dispose it after use.</summary>
    public WebApplicationFactory<Velora.Ingestion.Gateway.GatewayOptions> GatewayWith(IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = GatewaySettings(Settings, _environment);
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return new GatewayFactory(settings);
    }

    /// <summary>The hosted worker's services (the chunk importer, say), for tests that drive one step directly.</summary>
    public IServiceProvider WorkerServices => _worker?.Services ?? throw new InvalidOperationException("This fixture runs no worker in process.");

    /// <summary>The gateway's services (stores, pipelines), connected as the gateway's role.</summary>
    public IServiceProvider GatewayServices => _gateway.Services;

    /// <summary>Tenants and keys as the admin command sees them (the schema owner's connection).</summary>
    public TenantStore AdminTenants => _adminTenants ??= new TenantStore(AdminDataSource);

    /// <summary>
    /// The schema owner's connections, as the worker and the admin command use them. Not pooled, so that a connection
    /// left broken by a fault test's database restart is never handed to the next test.
    /// </summary>
    public NpgsqlDataSource AdminDataSource => _adminDataSource ??=
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_environment.DatabaseConnectionString) { Pooling = false }.ConnectionString);

    /// <summary>A new tenant of its own for each test, so tests share the stack but not their data.</summary>
    public async Task<(Tenant Tenant, string ApiKey)> CreateTenantAsync(string name) =>
        await AdminTenants.CreateWithKeyAsync($"{name}-{Guid.NewGuid():N}", CancellationToken.None);

    public Task<HttpResponseMessage> UploadAsync(string apiKey, string csv, string fileName = "purchases.csv") =>
        UploadAsync(Gateway, apiKey, csv, fileName);

    /// <summary>Uploads through the given gateway client (one made with <see cref="GatewayWith"/>, say).</summary>
    public static Task<HttpResponseMessage> UploadAsync(HttpClient gateway, string apiKey, string csv, string fileName = "purchases.csv") =>
        UploadAsync(gateway, apiKey, Encoding.UTF8.GetBytes(csv), fileName, "type=purchase");

    /// <summary>Uploads the bytes as they are (another encoding, say) with the given query string (type=…&amp;…).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient gateway, string apiKey, byte[] content, string fileName, string query)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/imports?{query}") { Content = form };
        request.Headers.Add("X-Api-Key", apiKey);
        return await gateway.SendAsync(request);
    }

    /// <summary>Uploads, expects 202, and returns the import id.</summary>
    public Task<Guid> ImportAsync(string apiKey, string csv) => ImportAsync(Gateway, apiKey, csv);

    public static Task<Guid> ImportAsync(HttpClient gateway, string apiKey, string csv) =>
        ImportAsync(gateway, apiKey, Encoding.UTF8.GetBytes(csv), "purchases.csv", "type=purchase");

    /// <summary>Uploads the bytes with the given query string, expects 202, and returns the import id.</summary>
    public Task<Guid> ImportAsync(string apiKey, byte[] content, string query) => ImportAsync(Gateway, apiKey, content, "interactions.csv", query);

    static async Task<Guid> ImportAsync(HttpClient gateway, string apiKey, byte[] content, string fileName, string query)
    {
        using var response = await UploadAsync(gateway, apiKey, content, fileName, query);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("import_id").GetGuid();
        Assert.Equal($"/v1/imports/{id}", response.Headers.Location?.OriginalString);
        return id;
    }

    /// <summary>Puts a file into the shared blob store as another Velora service would, under the tenant's prefix; returns its key.</summary>
    public async Task<string> PutBlobAsync(Guid tenantId, Guid importId, byte[] content)
    {
        var blobKey = $"{tenantId:N}/{importId:N}.csv";
        Directory.CreateDirectory(Path.Combine(_environment.BlobRoot, $"{tenantId:N}"));
        await File.WriteAllBytesAsync(Path.Combine(_environment.BlobRoot, blobKey), content);
        return blobKey;
    }

    public async Task<HttpResponseMessage> GetAsync(string apiKey, string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", apiKey);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return await Gateway.SendAsync(request);
    }

    /// <summary>PUTs a JSON body with the key (the settings endpoints); the caller disposes the response.</summary>
    public async Task<HttpResponseMessage> PutJsonAsync(string apiKey, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", apiKey);
        return await Gateway.SendAsync(request);
    }

    public async Task<JsonElement> StatusAsync(string apiKey, Guid importId)
    {
        using var response = await GetAsync(apiKey, $"/v1/imports/{importId}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<long> ScalarAsync(string sql, object? parameter = null)
    {
        await using var connection = new NpgsqlConnection(_environment.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null)
        {
            command.Parameters.AddWithValue("p", parameter);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>As in production, the gateway connects as velora_api (row-level security) and migrates as the owner.</summary>
    static Dictionary<string, string?> GatewaySettings(IReadOnlyDictionary<string, string?> settings, TestEnvironment environment) =>
        new(settings)
        {
            ["Database:ConnectionString"] = environment.ApiConnectionString,
            ["Database:AdminConnectionString"] = environment.DatabaseConnectionString,
        };

    static Dictionary<string, string?> SettingsFor(TestEnvironment environment, int chunkRows)
    {
        var (user, password) = environment.RabbitCredentials;
        return new()
        {
            ["Database:ConnectionString"] = environment.DatabaseConnectionString,
            // Set explicitly: the appsettings.json copied next to the tests would point migrations at the local stack.
            ["Database:AdminConnectionString"] = environment.DatabaseConnectionString,
            ["RabbitMq:Host"] = environment.RabbitMq.Host,
            ["RabbitMq:Port"] = environment.RabbitMq.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RabbitMq:VirtualHost"] = environment.VirtualHost,
            ["RabbitMq:Username"] = user,
            ["RabbitMq:Password"] = password,
            ["Blobs:Root"] = environment.BlobRoot,
            ["Worker:ChunkRows"] = chunkRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Worker:ChunkConcurrency"] = "3",
            ["Worker:CompletionSweepInterval"] = "00:00:02",
            ["Worker:StalledImportAfter"] = "00:00:05",
        };
    }

    // Any type of the gateway's assembly locates its entry point; Program is ambiguous beside the worker's.
    sealed class GatewayFactory(Dictionary<string, string?> settings) : WebApplicationFactory<Velora.Ingestion.Gateway.GatewayOptions>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings));
        }
    }
}

/// <summary>Tests in this group share one running product (and so run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class RunningIngestionGroup : ICollectionFixture<RunningIngestion>
{
    public const string Name = "running ingestion";
}
