using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Velora.Ingestion.Gateway;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Security;

/// <summary>Upload limits against the real server (Kestrel on a loopback port), where a body can be cut off half-way.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class UploadLimitTests(RunningIngestion ingestion)
{
    const int MaxUploadBytes = 64 * 1024;

    [Fact]
    public async Task An_upload_declared_larger_than_the_limit_gets_413_before_its_body_is_sent()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("too-large");
        await using var gateway = KestrelGateway();

        // 10 MB announced, only the header line sent: the answer must come without the rest of the body.
        var (status, sent) = await RawUploadAsync(gateway, key, $"Content-Length: {10 * 1024 * 1024}\r\n", chunked: false);

        Assert.StartsWith("HTTP/1.1 413", status, StringComparison.Ordinal);
        Assert.True(sent < 1024, $"sent {sent} bytes");
        await AssertNothingStoredAsync(tenant.Id, key);
    }

    [Fact]
    public async Task A_chunked_upload_is_cut_off_with_413_once_it_passes_the_limit()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("too-large-chunked");
        await using var gateway = KestrelGateway();

        var (status, sent) = await RawUploadAsync(gateway, key, "Transfer-Encoding: chunked\r\n", chunked: true);

        Assert.StartsWith("HTTP/1.1 413", status, StringComparison.Ordinal);
        Assert.True(sent < 4 * 1024 * 1024, $"sent {sent} bytes before the answer");
        await AssertNothingStoredAsync(tenant.Id, key);
    }

    [Theory]
    [InlineData("multipart .csv.gz")]
    [InlineData("Content-Encoding: gzip")]
    public async Task A_gzip_upload_imports_like_the_plain_file(string how)
    {
        var (_, key) = await ingestion.CreateTenantAsync("gzip");
        var (csv, failures) = PurchaseFiles.Acceptance();
        using HttpContent content = how.StartsWith("multipart", StringComparison.Ordinal) ? GzipForm(csv) : GzipBody(csv);
        using var response = await PostAsync(ingestion.Gateway, key, content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var importId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("import_id").GetGuid();

        var summary = (await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60))).GetProperty("summary");

        Assert.Equal((150, 120, 15, 15), (Count(summary, "processed"), Count(summary, "succeeded"), Count(summary, "skipped"), Count(summary, "failed")));
        Assert.Equal(failures.Count, Count(summary, "failed"));
        Assert.Equal(120, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE import_id = @p", importId));
    }

    [Fact]
    public async Task A_gzip_bomb_ends_as_413_at_the_decompressed_cap_leaving_no_file_and_no_job()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("bomb");
        await using var gateway = KestrelGateway(("Gateway:MaxDecompressedBytes", "1048576"), ("Gateway:MaxUploadBytes", "4194304"));
        using var client = gateway.CreateClient();
        // 256 MB of one row repeated is about 250 KB of gzip: under the wire limit, far over the inflated one.
        using var bomb = new ByteArrayContent(Gzip("user_id,item_id\n" + string.Concat(Enumerable.Repeat("u,i\n", 1 << 16)), repeat: 1024));
        bomb.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        bomb.Headers.ContentEncoding.Add("gzip");
        Assert.True(bomb.Headers.ContentLength < 4194304, $"{bomb.Headers.ContentLength} bytes of gzip");

        using var response = await PostAsync(client, key, bomb);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("decompresses to more than 1048576 bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(tenant.Id, key);
    }

    [Fact]
    public async Task A_gzip_file_cut_short_is_refused_instead_of_imported_in_part()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("cut-gzip");
        var rows = string.Concat(Enumerable.Range(0, 20_000).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"u{i},i{i},2025-01-01T00:00:00Z\n")));
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes("user_id,item_id,timestamp\n" + rows));
        }

        var cut = compressed.ToArray()[..(int)(compressed.Length / 2)];
        using var response = await RunningIngestion.UploadAsync(ingestion.Gateway, key, cut, "export.csv.gz", "type=view");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the gzip data ends early or is damaged", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(tenant.Id, key);
    }

    [Fact]
    public async Task Broken_gzip_is_refused_with_400_and_an_unknown_encoding_with_415()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("bad-gzip");
        using var broken = new ByteArrayContent("user_id,item_id\nu,i\n"u8.ToArray());
        broken.Headers.ContentEncoding.Add("gzip");
        using var brotli = new ByteArrayContent([1, 2, 3]);
        brotli.Headers.ContentEncoding.Add("br");

        using var brokenResponse = await PostAsync(ingestion.Gateway, key, broken);
        using var brotliResponse = await PostAsync(ingestion.Gateway, key, brotli);

        Assert.Equal(HttpStatusCode.BadRequest, brokenResponse.StatusCode);
        Assert.Contains("not valid gzip", await brokenResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, brotliResponse.StatusCode);
        await AssertNothingStoredAsync(tenant.Id, key);
    }

    WebApplicationFactory<GatewayOptions> KestrelGateway(params (string Key, string? Value)[] settings)
    {
        var overrides = settings.ToDictionary(s => s.Key, s => s.Value);
        overrides.TryAdd("Gateway:MaxUploadBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Infrastructure.KestrelGateway.Start(ingestion, overrides);
    }

    /// <summary>Sends the request head, then body bytes slowly, until the server answers; returns its status line and the body bytes sent.</summary>
    static async Task<(string Status, long Sent)> RawUploadAsync(WebApplicationFactory<GatewayOptions> gateway, string apiKey, string bodyHeaders, bool chunked)
    {
        var first = "user_id,item_id\n"u8.ToArray();
        using var upload = await RawUpload.StartAsync(Infrastructure.KestrelGateway.AddressOf(gateway), apiKey, bodyHeaders, chunked ? Chunk(first) : first);
        var response = upload.ReadStatusLineAsync();
        long sent = first.Length;
        var piece = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("u,i\n", 4096)));
        try
        {
            while (chunked && !response.IsCompleted && sent < 16 * 1024 * 1024)
            {
                await upload.Stream.WriteAsync(Chunk(piece));
                sent += piece.Length;
                await Task.WhenAny(response, Task.Delay(10));
            }
        }
        catch (IOException)
        {
            // The server closed the connection after answering: expected once the limit is passed.
        }

        return (await response.WaitAsync(TimeSpan.FromSeconds(30)), sent);
    }

    static byte[] Chunk(byte[] data) => [.. Encoding.ASCII.GetBytes($"{data.Length:X}\r\n"), .. data, .. "\r\n"u8];

    async Task AssertNothingStoredAsync(Guid tenantId, string apiKey)
    {
        var folder = Path.Combine(ingestion.Environment.BlobRoot, $"{tenantId:N}");
        Assert.Empty(Directory.Exists(folder) ? Directory.EnumerateFiles(folder) : []);
        using var list = await ingestion.GetAsync(apiKey, "/v1/imports");
        Assert.Empty((await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
    }

    static long Count(JsonElement summary, string name) => summary.GetProperty(name).GetInt64();

    static async Task<HttpResponseMessage> PostAsync(HttpClient client, string apiKey, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/imports?type=purchase") { Content = content };
        request.Headers.Add("X-Api-Key", apiKey);
        return await client.SendAsync(request);
    }

    static byte[] Gzip(string text, int repeat = 1)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize))
        {
            for (var i = 0; i < repeat; i++)
            {
                gzip.Write(bytes);
            }
        }

        return compressed.ToArray();
    }

    static MultipartFormDataContent GzipForm(string csv)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Gzip(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        form.Add(file, "file", "purchases.csv.gz");
        return form;
    }

    static ByteArrayContent GzipBody(string csv)
    {
        var body = new ByteArrayContent(Gzip(csv));
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        body.Headers.ContentEncoding.Add("gzip");
        return body;
    }
}
