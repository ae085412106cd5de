using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Velora.Ingestion.Telemetry;

namespace Velora.Ingestion.IntegrationTests.Telemetry;

[Collection(RunningIngestionGroup.Name)]
public sealed class MetricsTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task An_import_moves_the_row_counters_and_the_gateway_serves_them_in_prometheus_format()
    {
        var totals = new ConcurrentDictionary<string, long>();
        // Only this fixture's worker and gateway: the listener hears every meter in the process, and other test
        // collections run their own hosts at the same time. A meter from IMeterFactory has its factory as its scope.
        var scopes = new[] { ingestion.WorkerServices.GetRequiredService<IMeterFactory>(), ingestion.GatewayServices.GetRequiredService<IMeterFactory>() };
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == IngestionMetrics.MeterName && scopes.Contains(instrument.Meter.Scope))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var outcome = tags.ToArray().FirstOrDefault(t => t.Key == "outcome").Value;
            totals.AddOrUpdate($"{instrument.Name}{(outcome is null ? "" : ":" + outcome)}", value, (_, sum) => sum + value);
        });
        listener.Start();
        var (_, key) = await ingestion.CreateTenantAsync("metrics");

        var importId = await ingestion.ImportAsync(key, PurchaseFiles.Acceptance().Csv);
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60));

        Assert.Equal(150, totals.GetValueOrDefault("velora.import.rows.processed"));
        Assert.Equal(120, totals.GetValueOrDefault("velora.import.rows:succeeded"));
        Assert.Equal(15, totals.GetValueOrDefault("velora.import.rows:skipped"));
        Assert.Equal(15, totals.GetValueOrDefault("velora.import.rows:failed"));
        Assert.Equal(1, totals.GetValueOrDefault("velora.imports.accepted"));
        var scrape = await ingestion.Gateway.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("velora_imports_accepted_total", scrape, StringComparison.Ordinal);
    }
}
