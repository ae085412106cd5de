using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Velora.Ingestion.Blobs;

namespace Velora.Ingestion.IntegrationTests.Infrastructure;

/// <summary>
/// A real S3-compatible server: VELORA_TEST_S3 (set by ./test.sh, which starts s3rver on 127.0.0.1), otherwise a MinIO
/// container where a Docker engine answers. Without either the tests fail and say how to start one; they never skip.
/// </summary>
public sealed class S3Server : IAsyncLifetime
{
    const string MinioUser = "velora";
    const string MinioPassword = "velora-test-secret";
    IContainer? _container;

    public string ServiceUrl { get; private set; } = null!;

    string _accessKey = "S3RVER";
    string _secretKey = "S3RVER";

    /// <summary>Settings for a store on this server; each test class passes a bucket of its own.</summary>
    public S3BlobOptions Options(string bucket, int partSizeBytes = 8 * 1024 * 1024) => new()
    {
        ServiceUrl = ServiceUrl,
        Bucket = bucket,
        AccessKey = _accessKey,
        SecretKey = _secretKey,
        ForcePathStyle = true,
        PartSizeBytes = partSizeBytes,
    };

    /// <summary>The same settings as configuration keys (Blobs:*), for a gateway or worker process.</summary>
    public Dictionary<string, string?> Settings(string bucket) => new()
    {
        ["Blobs:Provider"] = BlobOptions.S3Provider,
        ["Blobs:S3:ServiceUrl"] = ServiceUrl,
        ["Blobs:S3:Bucket"] = bucket,
        ["Blobs:S3:AccessKey"] = _accessKey,
        ["Blobs:S3:SecretKey"] = _secretKey,
        ["Blobs:S3:ForcePathStyle"] = "true",
    };

    public async Task InitializeAsync()
    {
        var address = Environment.GetEnvironmentVariable("VELORA_TEST_S3");
        if (!string.IsNullOrWhiteSpace(address))
        {
            ServiceUrl = address;
            return;
        }

        _container = new ContainerBuilder("minio/minio:latest")
            .WithCommand("server", "/data")
            .WithEnvironment("MINIO_ROOT_USER", MinioUser)
            .WithEnvironment("MINIO_ROOT_PASSWORD", MinioPassword)
            .WithPortBinding(9000, true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPath("/minio/health/ready").ForPort(9000)))
            .Build();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await _container.StartAsync(timeout.Token);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                "The S3 tests need an S3-compatible server. Run them with ./test.sh (it installs and starts s3rver on 127.0.0.1), "
                + $"or set VELORA_TEST_S3 (e.g. http://127.0.0.1:4568), or make a Docker engine available for MinIO. Docker did not answer: {e.Message}",
                e);
        }

        ServiceUrl = $"http://{_container.Hostname}:{_container.GetMappedPublicPort(9000)}";
        (_accessKey, _secretKey) = (MinioUser, MinioPassword);
    }

    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
