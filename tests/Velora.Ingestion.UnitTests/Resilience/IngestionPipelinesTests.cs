using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Velora.Ingestion.Resilience;

public sealed class IngestionPipelinesTests
{
    [Fact]
    public async Task A_retried_transient_fault_is_counted_in_pollys_metrics_under_the_pipelines_name()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<ResilienceOptions>().Configure(options => options.BaseDelay = TimeSpan.FromMilliseconds(1));
        services.AddIngestionPipelines();
        await using var provider = services.BuildServiceProvider();
        var events = new ConcurrentBag<(string? Event, string? Pipeline)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Polly" && instrument.Name == "resilience.polly.strategy.events")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, _, tags, _) => events.Add(Describe(tags)));
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => events.Add(Describe(tags)));
        listener.Start();
        var attempts = 0;

        await provider.GetRequiredService<IngestionPipelines>().Database.ExecuteAsync(_ =>
            ++attempts == 1 ? throw new PostgresException("could not serialize access", "ERROR", "ERROR", "40001") : ValueTask.CompletedTask);

        Assert.Equal(2, attempts);
        Assert.Contains(("OnRetry", IngestionPipelines.DatabaseName), events);
    }

    static (string? Event, string? Pipeline) Describe(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? name = null, pipeline = null;
        foreach (var (key, value) in tags)
        {
            name = key == "event.name" ? value as string : name;
            pipeline = key == "pipeline.name" ? value as string : pipeline;
        }

        return (name, pipeline);
    }
}
