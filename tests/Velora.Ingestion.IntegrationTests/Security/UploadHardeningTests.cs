using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Security;

[Collection(RunningIngestionGroup.Name)]
public sealed class UploadHardeningTests(RunningIngestion ingestion)
{
    [Theory]
    [InlineData("../../escape.csv")]
    [InlineData("nul\0name.csv")]
    [InlineData("long")]
    public async Task A_hostile_file_name_is_metadata_only_and_changes_nothing_outside_the_tenants_folder(string name)
    {
        var fileName = name == "long" ? new string('n', 1_000) + ".csv" : name;
        var (tenant, key) = await ingestion.CreateTenantAsync("hostile");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("user_id,item_id\nu,i\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "x.csv");
        // Set the raw disposition so that the name reaches the server as sent.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = fileName };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/imports?type=purchase") { Content = form };
        request.Headers.Add("X-Api-Key", key);

        using var response = await ingestion.Gateway.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var importId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("import_id").GetGuid();
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60));

        var stored = Assert.Single(Directory.EnumerateFiles(Path.Combine(ingestion.Environment.BlobRoot, $"{tenant.Id:N}")));
        Assert.Equal($"{importId:N}.csv", Path.GetFileName(stored));
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(ingestion.Environment.BlobRoot, "..", "escape.csv"))));
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(ingestion.Environment.BlobRoot, "escape.csv"))));
        var shown = (await ingestion.StatusAsync(key, importId)).GetProperty("file_name").GetString();
        Assert.DoesNotContain('\0', shown ?? string.Empty);
        Assert.True((shown ?? string.Empty).Length <= 255);
    }

    [Fact]
    public async Task The_failures_csv_escapes_cells_a_spreadsheet_would_run_as_formulas()
    {
        var (_, key) = await ingestion.CreateTenantAsync("formulas");
        var importId = await ingestion.ImportAsync(
            key, "user_id,item_id,price\n\"=HYPERLINK(\"\"http://x\"\")\",@SUM(1),-5\n+1,\"a,\"\"b\"\"\nc\",-5\n\"\tTAB\",\"\rCR\",-5\n");
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60));

        using var download = await ingestion.GetAsync(key, $"/v1/imports/{importId}/failures", accept: "text/csv");
        var csv = await download.Content.ReadAsStringAsync();

        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", csv, StringComparison.Ordinal);
        Assert.Contains("'@SUM(1)", csv, StringComparison.Ordinal);
        Assert.Contains("'+1", csv, StringComparison.Ordinal);
        Assert.Contains("'\tTAB", csv, StringComparison.Ordinal);
        Assert.Contains("'\rCR", csv, StringComparison.Ordinal);
        Assert.Contains("\"a,\"\"b\"\"\nc\"", csv.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_failures_csv_escapes_a_header_cell_a_spreadsheet_would_run_and_keeps_an_at_name_as_it_was()
    {
        var (_, key) = await ingestion.CreateTenantAsync("formula-header");
        var importId = await ingestion.ImportAsync(key, "user_id,item_id,price,=1+2,@source\n@alice,i1,-5,x,web\n");
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60));

        using var download = await ingestion.GetAsync(key, $"/v1/imports/{importId}/failures", accept: "text/csv");
        var lines = (await download.Content.ReadAsStringAsync()).Split("\r\n");

        Assert.Equal("user_id,item_id,price,'=1+2,@source,row_number,column,code,error", lines[0]);
        Assert.StartsWith("@alice,i1,-5,x,web,", lines[1], StringComparison.Ordinal);
    }
}
