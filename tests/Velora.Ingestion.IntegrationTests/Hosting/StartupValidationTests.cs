using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Velora.Ingestion.Worker;

namespace Velora.Ingestion.IntegrationTests.Hosting;

/// <summary>A configuration value out of its range stops a service when it starts, naming the key, before it takes any work.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class StartupValidationTests(RunningIngestion ingestion)
{
    [Theory]
    [InlineData("Worker:ChunkRows", "0", "Worker:ChunkRows must be between 1 and 1000000.")]
    [InlineData("Worker:CompletionSweepInterval", "00:00:00", "Worker:CompletionSweepInterval must be between 00:00:01 and 01:00:00.")]
    [InlineData("Resilience:MaxRetryAttempts", "0", "Resilience:MaxRetryAttempts must be between 1 and 100.")]
    [InlineData("Import:MaxColumns", "1", "Import:MaxColumns must be between 2 and 10000.")]
    [InlineData("Blobs:S3:PartSizeBytes", "1024", "Blobs:S3:PartSizeBytes must be between 5242880 and 2147483647")]
    [InlineData("Blobs:Provider", "Tape", "Blobs:Provider must be FileSystem or S3.")]
    public async Task A_worker_with_a_value_out_of_range_fails_to_start_naming_the_key(string key, string value, string message)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(ingestion.Settings) { [key] = value });
        builder.AddIngestionWorker();
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gateway_with_no_room_for_imports_fails_to_start_naming_the_key()
    {
        using var gateway = ingestion.GatewayWith(new Dictionary<string, string?> { ["Gateway:MaxActiveImportsPerTenant"] = "0" });

        var refused = Assert.Throws<OptionsValidationException>(() => gateway.CreateClient());

        Assert.Contains("Gateway:MaxActiveImportsPerTenant must be between 1 and 10000.", refused.Message, StringComparison.Ordinal);
    }
}
