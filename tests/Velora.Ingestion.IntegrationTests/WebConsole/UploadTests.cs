using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Velora.Ingestion.IntegrationTests.WebConsole;

[Collection(ConsoleBrowserGroup.Name)]
public sealed class UploadTests(ConsoleBrowser console)
{
    [Fact]
    public async Task Follows_an_upload_with_good_and_bad_rows_to_its_result_and_its_failed_rows()
    {
        var (tenant, key) = await console.CreateTenantAsync("upload");
        var (csv, failed) = PurchaseFiles.Large(20_000);
        var page = await console.OpenAsync();
        await ConsolePage.SignInAsync(page, key, tenant.Name);
        await ConsolePage.ChooseFileAsync(page, "purchases.csv", Encoding.UTF8.GetBytes(csv));
        await ConsoleBrowser.ScreenshotAsync(page, "interactions");

        var importId = await ConsolePage.UploadAsync(page);

        // The worker takes one chunk (100 rows) at a time here: the page shows the import part-way before it ends.
        await page.WaitForFunctionAsync("() => { const v = document.getElementById('import-progress').value; return v > 0 && v < 100; }");
        await Expect(page.Locator("#import-progress-text")).ToContainTextAsync("rows/s");
        await ConsoleBrowser.ScreenshotAsync(page, "import-progress");
        await ConsolePage.WaitForEndAsync(page);
        await Expect(page.Locator("#import-progress-text")).ToContainTextAsync("20,000 of 20,000 rows · 100 %");

        var status = await console.StatusAsync(key, importId);
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        Assert.Equal(failed, status.GetProperty("failed").GetInt64());
        await Expect(ConsolePage.Summary(page, "processed")).ToHaveTextAsync(Count(status, "processed"));
        await Expect(ConsolePage.Summary(page, "succeeded")).ToHaveTextAsync(Count(status, "succeeded"));
        await Expect(ConsolePage.Summary(page, "skipped")).ToHaveTextAsync(Count(status, "skipped"));
        await Expect(ConsolePage.Summary(page, "failed")).ToHaveTextAsync(Count(status, "failed"));
        await Expect(ConsolePage.Summary(page, "success_rate")).ToHaveTextAsync(status.GetProperty("success_rate").GetString()!);
        await Expect(ConsolePage.Summary(page, "completion_rate")).ToHaveTextAsync(status.GetProperty("completion_rate").GetString()!);

        // The table shows the failures endpoint's pages: 20 rows each, in file order.
        var first = await FailurePageAsync(key, importId, null);
        var firstRow = page.Locator("#failures tbody tr").First;
        await Expect(page.Locator("#failures tbody tr")).ToHaveCountAsync(20);
        await Expect(firstRow.Locator("td").Nth(0)).ToHaveTextAsync(Row(first.GetProperty("items")[0]));
        await Expect(firstRow.Locator("td").Nth(1)).ToHaveTextAsync(first.GetProperty("items")[0].GetProperty("user_id").GetString()!);
        await Expect(firstRow.Locator("td").Nth(2)).ToHaveTextAsync(first.GetProperty("items")[0].GetProperty("item_id").GetString()!);
        await Expect(firstRow.Locator("td").Nth(3)).ToHaveTextAsync(FirstFailure(status).GetProperty("error").GetString()!);
        await Expect(firstRow.Locator("td").Nth(3)).ToContainTextAsync("quantity");
        var pages = (failed + 19) / 20;
        await Expect(page.Locator("#failures-page")).ToHaveTextAsync($"Page 1 of {pages}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Previous page" })).ToBeDisabledAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "result");

        var second = await FailurePageAsync(key, importId, first.GetProperty("next_cursor").GetString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(page.Locator("#failures-page")).ToHaveTextAsync($"Page 2 of {pages}");
        await Expect(page.Locator("#failures tbody tr").First.Locator("td").First).ToHaveTextAsync(Row(second.GetProperty("items")[0]));
        await page.GetByRole(AriaRole.Button, new() { Name = "Previous page" }).ClickAsync();
        await Expect(page.Locator("#failures tbody tr").First.Locator("td").First).ToHaveTextAsync(Row(first.GetProperty("items")[0]));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download all failures (CSV)" }).ClickAsync());
        Assert.Equal($"import-{importId}-failures.csv", download.SuggestedFilename);
        using var apiCsv = await console.GetAsync(key, $"/v1/imports/{importId}/failures", "text/csv");
        var expected = await apiCsv.Content.ReadAsStringAsync();
        var downloaded = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Equal(expected, downloaded);
        Assert.Equal(failed + 1, downloaded.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Shows_the_reason_and_the_fix_of_a_file_that_failed_as_a_whole()
    {
        var (tenant, key) = await console.CreateTenantAsync("whole-file");
        var page = await console.OpenAsync();
        await ConsolePage.SignInAsync(page, key, tenant.Name);
        await ConsolePage.ChooseFileAsync(page, "export.csv", Encoding.UTF8.GetBytes("Kunde,Artikel\nu1,i1\n"));

        // The form warns before anything is sent; an upload regardless fails as a whole, and the page says why.
        await Expect(page.Locator("#mapping-warning")).ToContainTextAsync("Missing required column: user_id (closest in the header: Kunde, Artikel)");
        var importId = await ConsolePage.UploadAsync(page);

        var failure = page.Locator("#file-failure");
        await Expect(failure).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var status = await console.StatusAsync(key, importId);
        Assert.Equal("failed", status.GetProperty("status").GetString());
        await Expect(page.Locator("#file-failure-reason")).ToHaveTextAsync(status.GetProperty("error").GetString()!);
        await Expect(page.Locator("#file-failure-reason")).ToContainTextAsync("Missing required column: user_id");
        await Expect(page.Locator("#file-failure-fix")).ToContainTextAsync("Column mapping");
        await Expect(page.Locator("#summary-card")).ToBeHiddenAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "file-failed");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Maps_the_columns_of_a_header_that_names_them_otherwise()
    {
        var (tenant, key) = await console.CreateTenantAsync("mapping");
        var page = await console.OpenAsync();
        await ConsolePage.SignInAsync(page, key, tenant.Name);
        var file = "Kunde;Artikel;Zeitpunkt\nu1;i1;2025-03-01T10:00:00Z\nu2;i2;2025-03-01T11:00:00Z\n";
        await ConsolePage.ChooseFileAsync(page, "kunden.csv", Encoding.UTF8.GetBytes(file));

        await page.GetByLabel("Kunde").SelectOptionAsync("user_id");
        await page.GetByLabel("Artikel").SelectOptionAsync("item_id");
        await page.GetByLabel("Zeitpunkt").SelectOptionAsync("timestamp");
        await Expect(page.Locator("#mapping-warning")).ToBeHiddenAsync();
        var importId = await ConsolePage.UploadAsync(page);

        await ConsolePage.WaitForEndAsync(page);
        await Expect(ConsolePage.Summary(page, "succeeded")).ToHaveTextAsync("2");
        await Expect(page.Locator("#skip-reasons")).ToBeHiddenAsync();
        var status = await console.StatusAsync(key, importId);
        Assert.Equal(2, status.GetProperty("succeeded").GetInt64());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Previews_each_column_as_the_gateway_reads_it_with_the_saved_mapping()
    {
        var (tenant, key) = await console.CreateTenantAsync("preview");
        using (var saved = await console.PutJsonAsync(key, "/v1/interaction-types/purchase/mapping", new { mapping = new Dictionary<string, string> { ["KundenNr"] = "user_id" } }))
        {
            saved.EnsureSuccessStatusCode();
        }

        var page = await console.OpenAsync();
        await ConsolePage.SignInAsync(page, key, tenant.Name);
        await ConsolePage.ChooseFileAsync(page, "export.csv", Encoding.UTF8.GetBytes("KundenNr,Item ID,Date,Qty,Note\nu1,i1,2025-03-01T10:00:00Z,2,gift\n"));

        // A saved mapping, a name that differs only in case and spacing, two aliases and a property.
        await Expect(page.GetByLabel("KundenNr")).ToContainTextAsync("As it is (read as user_id)");
        await Expect(page.GetByLabel("Item ID")).ToContainTextAsync("As it is (read as item_id)");
        await Expect(page.GetByLabel("Date")).ToContainTextAsync("As it is (read as timestamp)");
        await Expect(page.GetByLabel("Qty")).ToContainTextAsync("As it is (read as quantity)");
        await Expect(page.GetByLabel("Note")).ToContainTextAsync("As it is (kept as a text property)");
        await Expect(page.Locator("#mapping-warning")).ToBeHiddenAsync();

        // Mapping another column to user_id takes the saved entry's place, as the planner does.
        await page.GetByText("Column mapping", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Note").SelectOptionAsync("user_id");
        await Expect(page.GetByLabel("KundenNr")).ToContainTextAsync("As it is (kept as a text property)");
        await page.GetByLabel("Note").SelectOptionAsync(string.Empty);
        await Expect(page.GetByLabel("KundenNr")).ToContainTextAsync("As it is (read as user_id)");

        var importId = await ConsolePage.UploadAsync(page);
        await ConsolePage.WaitForEndAsync(page);
        var columns = (await console.StatusAsync(key, importId)).GetProperty("columns");
        Assert.Equal("user_id", columns[0].GetProperty("column").GetString());
        Assert.Equal("item_id", columns[1].GetProperty("column").GetString());
        Assert.Equal("Note", columns[4].GetProperty("property").GetString());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Says_why_rows_were_skipped()
    {
        var (tenant, key) = await console.CreateTenantAsync("skips");
        await console.Completed.WaitForAsync(await console.ImportAsync(key, "user_id,item_id,timestamp\nu1,i1,2025-03-01T10:00:00Z\n"), TimeSpan.FromSeconds(30));
        var page = await console.OpenAsync();
        await ConsolePage.SignInAsync(page, key, tenant.Name);
        var file = "user_id,item_id,timestamp\nu1,i1,2025-03-01T10:00:00Z\nu2,i2,2025-03-01T10:00:00Z\nu2,i2,2025-03-01T10:00:00Z\n";
        await ConsolePage.ChooseFileAsync(page, "again.csv", Encoding.UTF8.GetBytes(file));

        await ConsolePage.UploadAsync(page);

        await ConsolePage.WaitForEndAsync(page);
        await Expect(ConsolePage.Summary(page, "skipped")).ToHaveTextAsync("2");
        await Expect(page.Locator("#skip-reasons")).ToHaveTextAsync("Skipped: 1 repeated within the file, 1 already stored by an earlier import.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Reads_a_gzip_file_header_for_the_mapping_and_imports_it()
    {
        var (tenant, key) = await console.CreateTenantAsync("gzip");
        var page = await console.OpenAsync();
        await ConsolePage.SignInAsync(page, key, tenant.Name);
        var rows = string.Concat(Enumerable.Range(0, 300).Select(i => string.Create(CultureInfo.InvariantCulture, $"c{i},p{i}\n")));
        await ConsolePage.ChooseFileAsync(page, "export.csv.gz", Gzip("CustomerNumber,p\n" + rows), "application/gzip");

        await page.GetByLabel("CustomerNumber").SelectOptionAsync("user_id");
        await page.GetByLabel("p", new() { Exact = true }).SelectOptionAsync("item_id");
        await ConsolePage.UploadAsync(page);

        await ConsolePage.WaitForEndAsync(page);
        await Expect(ConsolePage.Summary(page, "succeeded")).ToHaveTextAsync("300");
        await page.Context.CloseAsync();
    }

    async Task<JsonElement> FailurePageAsync(string key, Guid importId, string? cursor)
    {
        using var response = await console.GetAsync(key, $"/v1/imports/{importId}/failures?limit=20{(cursor is null ? "" : $"&cursor={cursor}")}");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    static string Row(JsonElement failure) => failure.GetProperty("row_number").GetInt64().ToString("#,0", CultureInfo.InvariantCulture);

    static string Count(JsonElement status, string field) => status.GetProperty(field).GetInt64().ToString("#,0", CultureInfo.InvariantCulture);

    static JsonElement FirstFailure(JsonElement status) => status.GetProperty("failed_items")[0];

    static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}
