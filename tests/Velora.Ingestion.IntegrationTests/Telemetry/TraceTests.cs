using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
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
        // The upload continues a trace of the test's own, so no other test's upload in this process can be taken for it.
        var traceId = ActivityTraceId.CreateRandom();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(PurchaseFiles.Large(250).Csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "traced.csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/imports?type=purchase") { Content = form };
        request.Headers.Add("X-Api-Key", key);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await ingestion.Gateway.SendAsync(request);
        var importId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("import_id").GetGuid();
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60));

        List<string> Trace() => [.. activities.Where(a => a.TraceId == traceId).Select(a => a.DisplayName)];
        // The consumer of ImportCompleted stops its span just after the message is handed to the test.
        await Eventually.WaitUntilAsync(() => Task.FromResult(Trace().Any(name => name.Contains("import-completed", StringComparison.OrdinalIgnoreCase))), TimeSpan.FromSeconds(10));
        var trace = Trace();
        Assert.Contains(trace, name => name.StartsWith("POST", StringComparison.Ordinal));
        output.WriteLine(string.Join(Environment.NewLine, trace));
        Assert.Contains(trace, name => name.Contains("import-requested", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(trace, name => name.Contains("import-chunk", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(trace, name => name.Contains("import-completed", StringComparison.OrdinalIgnoreCase));
    }
}
