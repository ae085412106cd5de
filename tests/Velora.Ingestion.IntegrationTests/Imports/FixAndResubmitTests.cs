using System.Text;
using System.Text.Json;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Imports;

/// <summary>
/// The failures CSV as a file to fix (issue 13, item 8): the store's own columns in its own delimiter, then row_number,
/// column, code and error, which an upload of the fixed file reads as nothing.
/// </summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class FixAndResubmitTests(RunningIngestion ingestion)
{
    const string File = """
        user_id;item_id;timestamp;price;note
        u1;i1;2025-07-01T00:00:00Z;12,50;fine
        u2;i2;2025-07-01T00:00:00Z;-3,00;negative
        u3;;2025-07-01T00:00:00Z;1,00;no item
        u4;i4;yesterday;2,00;bad time

        """;

    [Fact]
    public async Task The_failures_csv_of_a_semicolon_file_once_fixed_uploads_as_a_correction_that_stores_every_failed_row()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("fix-resubmit");
        var parent = await ingestion.ImportAsync(key, Encoding.UTF8.GetBytes(File), "type=purchase");
        await ingestion.Completed.WaitForAsync(parent, TimeSpan.FromSeconds(60));

        using var download = await ingestion.GetAsync(key, $"/v1/imports/{parent}/failures", accept: "text/csv");
        var failures = await download.Content.ReadAsStringAsync();

        Assert.Equal(
            [
                "user_id;item_id;timestamp;price;note;row_number;column;code;error",
                "u2;i2;2025-07-01T00:00:00Z;-3,00;negative;2;price;invalid_number;Invalid purchase amount: -3,00",
                "u3;;2025-07-01T00:00:00Z;1,00;no item;3;item_id;missing_field;Missing required field: item_id",
                "u4;i4;yesterday;2,00;bad time;4;timestamp;invalid_timestamp;Timestamp format invalid",
            ],
            failures.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));

        var fixedFile = failures.Replace(";-3,00;", ";3,00;", StringComparison.Ordinal)
            .Replace("u3;;", "u3;i3;", StringComparison.Ordinal)
            .Replace(";yesterday;", ";2025-07-02T00:00:00Z;", StringComparison.Ordinal);
        var correction = await ingestion.ImportAsync(key, Encoding.UTF8.GetBytes(fixedFile), $"type=purchase&parent_id={parent}");
        await ingestion.Completed.WaitForAsync(correction, TimeSpan.FromSeconds(60));

        var status = await ingestion.StatusAsync(key, correction);
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        Assert.Equal((3, 0), (status.GetProperty("succeeded").GetInt64(), status.GetProperty("failed").GetInt64()));
        // The report's columns are read as nothing: no column and no property.
        var read = status.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("header").GetString()!, c => c);
        foreach (var reportColumn in new[] { "row_number", "column", "code", "error" })
        {
            Assert.False(read[reportColumn].TryGetProperty("column", out _));
            Assert.False(read[reportColumn].TryGetProperty("property", out _));
        }

        Assert.Equal(4, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p", tenant.Id));
        Assert.Equal(4, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p AND properties ?& array['note'] AND NOT properties ?| array['row_number', 'column', 'code', 'error']", tenant.Id));
        Assert.Equal(300, await ingestion.ScalarAsync("SELECT (price * 100)::bigint FROM interactions WHERE tenant_id = @p AND user_id = 'u2'", tenant.Id));
    }

    [Fact]
    public async Task A_header_a_spreadsheet_would_read_as_a_formula_comes_back_as_the_file_had_it_and_maps_again()
    {
        var (tenant, key) = await ingestion.CreateTenantAsync("fix-formula-header");
        const string query = "type=purchase&map=%40timestamp:timestamp";
        var parent = await ingestion.ImportAsync(key, Encoding.UTF8.GetBytes("user_id,item_id,@timestamp,quantity\nu1,i1,2025-07-01T00:00:00Z,0\n"), query);
        await ingestion.Completed.WaitForAsync(parent, TimeSpan.FromSeconds(60));

        using var download = await ingestion.GetAsync(key, $"/v1/imports/{parent}/failures", accept: "text/csv");
        var failures = await download.Content.ReadAsStringAsync();

        Assert.Equal("user_id,item_id,@timestamp,quantity,row_number,column,code,error", failures.Split("\r\n")[0]);
        var fixedFile = failures.Replace("Z,0,", "Z,1,", StringComparison.Ordinal);
        var correction = await ingestion.ImportAsync(key, Encoding.UTF8.GetBytes(fixedFile), $"{query}&parent_id={parent}");
        var summary = (await ingestion.Completed.WaitForAsync(correction, TimeSpan.FromSeconds(60))).GetProperty("summary");
        Assert.Equal((1, 0), (summary.GetProperty("succeeded").GetInt64(), summary.GetProperty("failed").GetInt64()));
        Assert.Equal(1, await ingestion.ScalarAsync("SELECT count(*) FROM interactions WHERE tenant_id = @p AND occurred_at = '2025-07-01T00:00:00Z'", tenant.Id));
    }

    [Fact]
    public async Task Each_failure_names_its_code_and_the_header_column_at_fault()
    {
        var (_, key) = await ingestion.CreateTenantAsync("failure-codes");
        var importId = await ingestion.ImportAsync(key, Encoding.UTF8.GetBytes("Customer,item_id,quantity\nu1,i1,0\n,i2,1\nu3,i3,1,extra\n"), "type=purchase&map=Customer:user_id");
        await ingestion.Completed.WaitForAsync(importId, TimeSpan.FromSeconds(60));

        using var page = await ingestion.GetAsync(key, $"/v1/imports/{importId}/failures");
        var items = JsonDocument.Parse(await page.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("row_number").GetInt64(), i.GetProperty("code").GetString(), i.GetProperty("column").GetString()))
            .ToArray();

        Assert.Equal([(1L, "invalid_number", "quantity"), (2L, "missing_field", "Customer"), (3L, "field_count", null)], items);
    }
}
