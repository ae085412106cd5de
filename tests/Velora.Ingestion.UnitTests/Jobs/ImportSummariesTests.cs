using System.Text.Json;

namespace Velora.Ingestion.Jobs;

public sealed class ImportSummariesTests
{
    static ImportJob Job(long processed, long succeeded, long skipped, long failed) => new()
    {
        Id = Guid.NewGuid(),
        TenantId = Guid.NewGuid(),
        InteractionType = "purchase",
        BlobKey = "k",
        Status = ImportStatus.Succeeded,
        Processed = processed,
        Succeeded = succeeded,
        Skipped = skipped,
        Failed = failed,
    };

    [Fact]
    public void Serialises_to_the_exact_contract_field_names_and_formats()
    {
        var failures = new[] { new StoredFailure(1, "user-125", "item-003", "Invalid purchase amount: -5", new DateTime(2025, 8, 22, 15, 12, 0, 123, DateTimeKind.Utc), "invalid_number", "price", null) };

        var json = JsonSerializer.Serialize(ImportSummaries.From(Job(150, 120, 15, 15), failures));

        Assert.Equal(
            """{"processed":150,"succeeded":120,"skipped":15,"failed":15,"success_rate":"80.00%","completion_rate":"90.00%","failed_items":[{"row_number":1,"user_id":"user-125","item_id":"item-003","error":"Invalid purchase amount: -5","timestamp":"2025-08-22T15:12:00Z","column":"price","code":"invalid_number"}],"has_more_failures":false}""",
            json);
    }

    [Fact]
    public void Caps_failed_items_and_says_when_more_exist()
    {
        var failures = Enumerable.Range(1, 101).Select(i => new StoredFailure(i, "u", "i", "e", DateTime.UtcNow, null, null, null)).ToArray();

        var summary = ImportSummaries.From(Job(101, 0, 0, 101), failures);

        Assert.Equal(100, summary.FailedItems.Count);
        Assert.Equal(100, summary.FailedItems[^1].RowNumber);
        Assert.True(summary.HasMoreFailures);
    }

    [Fact]
    public void Says_no_more_failures_when_all_fit()
    {
        var failures = Enumerable.Range(1, 100).Select(i => new StoredFailure(i, "u", "i", "e", DateTime.UtcNow, null, null, null)).ToArray();

        Assert.False(ImportSummaries.From(Job(100, 0, 0, 100), failures).HasMoreFailures);
    }
}
