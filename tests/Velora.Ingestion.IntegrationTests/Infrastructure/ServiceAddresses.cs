using DotNet.Testcontainers.Containers;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Velora.Ingestion.IntegrationTests.Infrastructure;

/// <summary>
/// Where the real PostgreSQL and RabbitMQ are: the addresses in VELORA_TEST_POSTGRES / VELORA_TEST_RABBITMQ
/// (set by ./test.sh and CI), otherwise throwaway containers when a Docker engine answers. Without either the tests
/// fail and say how to start the services; they never pass by skipping.
/// </summary>
public sealed class ServiceAddresses : IAsyncDisposable
{
    readonly List<IContainer> _containers = [];

    /// <summary>Server connection string (no database): a database per test run is created on it.</summary>
    public required string Postgres { get; init; }

    public required Uri RabbitMq { get; init; }

    /// <summary>Management API with credentials, for a virtual host per test run; null when not reachable.</summary>
    public Uri? RabbitMqManagement { get; init; }

    public static async Task<ServiceAddresses> ResolveAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("VELORA_TEST_POSTGRES");
        var rabbit = Environment.GetEnvironmentVariable("VELORA_TEST_RABBITMQ");
        if (!string.IsNullOrWhiteSpace(postgres) && !string.IsNullOrWhiteSpace(rabbit))
        {
            var management = Environment.GetEnvironmentVariable("VELORA_TEST_RABBITMQ_MANAGEMENT");
            return new ServiceAddresses
            {
                Postgres = postgres,
                RabbitMq = new Uri(rabbit),
                RabbitMqManagement = string.IsNullOrWhiteSpace(management) ? null : new Uri(management),
            };
        }

        return await StartContainersAsync();
    }

    static async Task<ServiceAddresses> StartContainersAsync()
    {
        var postgres = new PostgreSqlBuilder("postgres:15-alpine").Build();
        var rabbit = new RabbitMqBuilder("rabbitmq:3.13-management").WithPortBinding(15672, true).Build();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await Task.WhenAll(postgres.StartAsync(timeout.Token), rabbit.StartAsync(timeout.Token));
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                "Integration tests need PostgreSQL and RabbitMQ. Run them with ./test.sh (it installs and starts both on 127.0.0.1), "
                + "or set VELORA_TEST_POSTGRES (e.g. Host=127.0.0.1;Port=5432;Username=postgres) and VELORA_TEST_RABBITMQ "
                + "(e.g. amqp://guest:guest@127.0.0.1:5672/), or make a Docker engine available for Testcontainers. "
                + $"Docker did not answer: {e.Message}",
                e);
        }

        var amqp = new Uri(rabbit.GetConnectionString());
        var addresses = new ServiceAddresses
        {
            Postgres = postgres.GetConnectionString(),
            RabbitMq = amqp,
            RabbitMqManagement = new Uri($"http://{amqp.UserInfo}@{rabbit.Hostname}:{rabbit.GetMappedPublicPort(15672)}/"),
        };
        addresses._containers.Add(postgres);
        addresses._containers.Add(rabbit);
        return addresses;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var container in _containers)
        {
            await container.DisposeAsync();
        }
    }
}
