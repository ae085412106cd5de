using Dapper;
using Npgsql;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Velora.Ingestion.Bench;

/// <summary>One import end to end: from the start of the HTTP upload to the completed job, sampling the processes' memory.</summary>
internal sealed class BenchImport(HttpClient http, NpgsqlDataSource dataSource, BenchOptions options)
{
    public async Task<Result> RunAsync(string apiKey, string file)
    {
        var workers = options.WorkerPids.Select(pid => new PeakMemory(pid)).ToList();
        await using var gateway = new PeakMemory(options.GatewayPid);
        var cpuAtStart = CpuTime.Read(options.WorkerPids, options.GatewayPid);
        var started = DateTime.UtcNow;
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

        // Watched in PostgreSQL, not through the status endpoint: polling the gateway every few milliseconds would load the
        // two cores the import runs on. The end is the job's own completion time, stamped when its last chunk commits.
        while (true)
        {
            var job = await ReadJobAsync(importId);
            if (job.Status is not ("queued" or "running"))
            {
                // Anything but a success ends the run: a refused or failed import has no time worth printing.
                if (job.Status != "succeeded")
                {
                    throw new InvalidOperationException($"import {job.Status}: {job.Error}");
                }

                var seconds = (job.CompletedAt!.Value - started).TotalSeconds;
                var cpu = CpuTime.Read(options.WorkerPids, options.GatewayPid) - cpuAtStart;
                return new Result(importId, seconds, job.Processed, job.Succeeded, job.Skipped, job.Failed, await StopAsync(workers), gateway.PeakBytes, cpu);
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The largest peak of the worker processes (each is a process of its own, with its own memory).</summary>
    static async Task<long> StopAsync(List<PeakMemory> workers)
    {
        foreach (var worker in workers)
        {
            await worker.DisposeAsync();
        }

        return workers.Max(w => w.PeakBytes);
    }

    async Task<JobRow> ReadJobAsync(Guid importId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<JobRow>(
            "SELECT status, error, completed_at AS CompletedAt, processed, succeeded, skipped, failed FROM import_jobs WHERE id = @importId",
            new { importId });
    }

    sealed record JobRow(string Status, string? Error, DateTime? CompletedAt, long Processed, long Succeeded, long Skipped, long Failed);

    /// <param name="Cpu">CPU used from the start of the upload until the harness saw the job complete (up to 50 ms after).</param>
    public sealed record Result(Guid ImportId, double Seconds, long Processed, long Succeeded, long Skipped, long Failed, long WorkerPeakBytes, long GatewayPeakBytes, CpuTime Cpu)
    {
        public string Counts => $"(processed {Processed:N0}, succeeded {Succeeded:N0}, skipped {Skipped:N0}, failed {Failed:N0})";
    }
}
