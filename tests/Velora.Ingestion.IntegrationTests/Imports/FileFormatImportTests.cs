using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;
using Velora.Ingestion.Parsing;

namespace Velora.Ingestion.IntegrationTests.Imports;

/// <summary>Real exports through the gateway and worker: other delimiters, decimal commas, other encodings; 100-row chunks.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class FileFormatImportTests(RunningIngestion ingestion)
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    static string Rows(char delimiter, int count, string newline = "\n") =>
        $"user_id{delimiter}item_id{delimiter}price{delimiter}note{newline}"
        + string.Concat(Enumerable.Range(1, count).Select(i => $"u{i}{delimiter}i{i}{delimiter}{i},50{delimiter}Café n°{i}{newline}"));

    async Task<(Guid ImportId, JsonElement Status)> ImportAsync(string key, byte[] content, string query)
    {
        var importId = await ingestion.ImportAsync(key, content, query);
        await ingestion.Completed.WaitForAsync(importId, Patience);
        return (importId, await ingestion.StatusAsync(key, importId));
    }

    static void AssertEveryRowStored(JsonElement status, int rows)
    {
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        Assert.Equal((rows, rows), (status.GetProperty("processed").GetInt32(), status.GetProperty("succeeded").GetInt32()));
    }

    async Task AssertTextIntactAsync(Guid importId, int rows)
    {
        Assert.Equal(rows, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE import_id = @p AND properties->>'note' = 'Café n°' || substr(user_id, 2)", importId));
        Assert.Equal(rows, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE import_id = @p AND price = substr(user_id, 2)::numeric + 0.5", importId));
    }

    [Fact]
    public async Task A_semicolon_file_with_decimal_commas_is_detected_and_every_row_stored()
    {
        var (_, key) = await ingestion.CreateTenantAsync("semicolon");

        var (importId, status) = await ImportAsync(key, Encoding.UTF8.GetBytes(Rows(';', 250)), "type=purchase");

        AssertEveryRowStored(status, 250);
        await AssertTextIntactAsync(importId, 250);
        var format = status.GetProperty("format");
        Assert.Equal((";", "utf-8", ","), (format.GetProperty("delimiter").GetString(), format.GetProperty("encoding").GetString(), format.GetProperty("decimal_separator").GetString()));
    }

    [Fact]
    public async Task A_tab_separated_utf16_le_file_with_a_byte_order_mark_is_stored_with_its_text_intact()
    {
        var (_, key) = await ingestion.CreateTenantAsync("utf16");
        byte[] content = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Rows('\t', 250, "\r\n"))];

        var (importId, status) = await ImportAsync(key, content, "type=purchase");

        AssertEveryRowStored(status, 250);
        await AssertTextIntactAsync(importId, 250);
        Assert.Equal(content.Length, status.GetProperty("progress").GetProperty("bytes_done").GetInt64());
        Assert.Equal(("\t", "utf-16le"), (status.GetProperty("format").GetProperty("delimiter").GetString(), status.GetProperty("format").GetProperty("encoding").GetString()));
    }

    [Fact]
    public async Task A_windows_1252_file_imports_with_encoding_named_and_fails_naming_encoding_without()
    {
        var (_, key) = await ingestion.CreateTenantAsync("cp1252");
        var content = TextEncodings.Get("windows-1252").GetBytes(Rows(';', 250));

        var (importId, status) = await ImportAsync(key, content, "type=purchase&encoding=windows-1252");
        var (_, refused) = await ImportAsync(key, content, "type=purchase");

        AssertEveryRowStored(status, 250);
        await AssertTextIntactAsync(importId, 250);
        Assert.Equal("windows-1252", status.GetProperty("format").GetProperty("encoding").GetString());
        Assert.Equal("failed", refused.GetProperty("status").GetString());
        Assert.Contains("encoding=windows-1252", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_encoding_published_directly_is_applied()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("direct-latin1");
        var importId = Guid.NewGuid();
        var blobKey = await ingestion.PutBlobAsync(tenant.Id, importId, TextEncodings.Get("iso-8859-1").GetBytes(Rows('|', 3)));

        await RawPublisher.PublishImportRequestedAsync(ingestion.Environment.RabbitMq, new { importId, tenantId = tenant.Id, interactionType = "purchase", blobKey, fileName = "latin1.csv", encoding = "latin1", delimiter = "|" });
        await ingestion.Completed.WaitForAsync(importId, Patience);

        AssertEveryRowStored(await ingestion.StatusAsync(key, importId), 3);
        await AssertTextIntactAsync(importId, 3);
    }

    [Theory]
    [InlineData("encoding=klingon", "encoding 'klingon' is not known")]
    [InlineData("delimiter=:", "delimiter ':' is not supported")]
    public async Task An_unknown_encoding_or_delimiter_gets_400_saying_what_is_accepted(string query, string detail)
    {
        var (_, key) = await ingestion.CreateTenantAsync("bad-format");

        using var response = await RunningIngestion.UploadAsync(ingestion.Gateway, key, Encoding.UTF8.GetBytes("user_id,item_id\nu,i\n"), "x.csv", $"type=purchase&{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
