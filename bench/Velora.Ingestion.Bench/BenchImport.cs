using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Velora.Ingestion.Bench;

/// <summary>One import end to end: from the start of the HTTP upload to the completed job, sampling both processes' memory.</summary>
internal sealed class BenchImport(HttpClient http, BenchOptions options)
{
    public async Task<Result> RunAsync(string apiKey, string file)
    {
        await using var worker = new PeakMemory(options.WorkerPid);
        await using var gateway = new PeakMemory(options.GatewayPid);
        var watch = Stopwatch.StartNew();
        Guid importId;
        await using (var content = File.OpenRead(file))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/imports?type=purchase&file_name={Path.GetFileName(file)}")
            {
                Content = new StreamContent(content, 1 << 16),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            request.Headers.Add("X-Api-Key", apiKey);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            importId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("import_id").GetGuid();
        }

        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/imports/{importId}");
            request.Headers.Add("X-Api-Key", apiKey);
            using var response = await http.SendAsync(request);
            var status = await response.Content.ReadFromJsonAsync<JsonElement>();
            var state = status.GetProperty("status").GetString();
            if (state is "succeeded" or "failed")
            {
                var seconds = watch.Elapsed.TotalSeconds;
                if (state == "failed")
                {
                    throw new InvalidOperationException($"import failed: {status.GetProperty("error")}");
                }

                return new Result(
                    seconds,
                    status.GetProperty("processed").GetInt64(),
                    status.GetProperty("succeeded").GetInt64(),
                    status.GetProperty("skipped").GetInt64(),
                    status.GetProperty("failed").GetInt64(),
                    worker.PeakBytes,
                    gateway.PeakBytes);
            }

            await Task.Delay(20);
        }
    }

    public sealed record Result(double Seconds, long Processed, long Succeeded, long Skipped, long Failed, long WorkerPeakBytes, long GatewayPeakBytes)
    {
        public string Counts => $"(processed {Processed:N0}, succeeded {Succeeded:N0}, skipped {Skipped:N0}, failed {Failed:N0})";
    }
}
