using System.Collections.Concurrent;
using System.Diagnostics;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Velora.Ingestion.IntegrationTests.Telemetry;

[Collection(RunningIngestionGroup.Name)]
public sealed class TraceTests(RunningIngestion ingestion, ITestOutputHelper output)
{
    [Fact]
    public async Task One_trace_runs_from_the_http_upload_through_the_chunk_messages_to_ImportCompleted()
    {
        var activities = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "MassTransit" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var (_, key) = await ingestion.CreateTenantAsync("traces");

        var importId = await ingestion.ImportAsync(key, PurchaseFiles.Large(250).Csv);
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60));

        Activity? Upload() => activities.SingleOrDefault(a => a.Source.Name == "Microsoft.AspNetCore" && a.DisplayName.StartsWith("POST", StringComparison.Ordinal) && a.Status != ActivityStatusCode.Error && a.Duration > TimeSpan.Zero && activities.Any(m => m.TraceId == a.TraceId && m.Source.Name == "MassTransit"));
        bool Traced(string name) => Upload() is { } upload && activities.Any(a => a.TraceId == upload.TraceId && a.DisplayName.Contains(name, StringComparison.OrdinalIgnoreCase));
        // The consumer of ImportCompleted stops its span just after the message is handed to the test.
        await Eventually.WaitUntilAsync(() => Task.FromResult(Traced("import-completed")), TimeSpan.FromSeconds(10));
        var trace = activities.Where(a => a.TraceId == Upload()!.TraceId).Select(a => a.DisplayName).ToList();
        output.WriteLine(string.Join(Environment.NewLine, trace));
        Assert.Contains(trace, name => name.Contains("import-requested", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(trace, name => name.Contains("import-chunk", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(trace, name => name.Contains("import-completed", StringComparison.OrdinalIgnoreCase));
    }
}
