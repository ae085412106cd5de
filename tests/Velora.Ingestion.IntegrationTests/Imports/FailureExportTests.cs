using System.Text;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Imports;

/// <summary>The failures CSV over a real socket (Kestrel refuses synchronous writes, the in-memory test server does not).</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class FailureExportTests(RunningIngestion ingestion)
{
    [Fact]
    public async Task Exports_every_failure_of_a_large_import_as_csv_over_kestrel()
    {
        var (_, key) = await ingestion.CreateTenantAsync("export-large");
        // 2,000 failures: about 150 KB of CSV, more than twice what was sent before the export broke off.
        var (csv, failed) = PurchaseFiles.Large(100_000);
        var importId = await ingestion.ImportAsync(key, Encoding.UTF8.GetBytes(csv), "type=purchase");
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(180));
        await using var gateway = KestrelGateway.Start(ingestion, new Dictionary<string, string?>());
        using var client = new HttpClient { BaseAddress = KestrelGateway.AddressOf(gateway) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/imports/{importId}/failures");
        request.Headers.Add("X-Api-Key", key);
        request.Headers.Accept.ParseAdd("text/csv");

        using var response = await client.SendAsync(request);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        response.EnsureSuccessStatusCode();
        Assert.Equal(2_000, failed);
        Assert.Equal(failed + 1, lines.Length);
        Assert.Equal(PurchaseFiles.Header + ",row_number,column,code,error", lines[0]);
        Assert.Equal("user-99999,item-99999,2025-01-01T00:00:00Z,0,1.00,web,100000,quantity,invalid_number,Invalid quantity: 0 (a whole number from 1 to 1000000)", lines[^1]);
    }
}
