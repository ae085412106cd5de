using Velora.Ingestion.Jobs;

namespace Velora.Ingestion.Gateway.Imports;

public sealed class ImportThroughputTests
{
    static readonly DateTime Start = new(2025, 8, 22, 15, 0, 0, DateTimeKind.Utc);

    static ImportJob Job(string status, long processed, long? total, DateTime? completed = null) => new()
    {
        Id = Guid.NewGuid(),
        TenantId = Guid.NewGuid(),
        InteractionType = "purchase",
        BlobKey = "k",
        Status = status,
        Processed = processed,
        TotalRows = total,
        StartedAt = Start,
        CompletedAt = completed,
    };

    [Fact]
    public void Estimates_the_time_left_from_the_rate_so_far_while_running() =>
        Assert.Equal(new ImportThroughput(250, 6), ImportThroughput.Of(Job(ImportStatus.Running, 1_000, 2_500), new DateTimeOffset(Start.AddSeconds(4), TimeSpan.Zero)));

    [Fact]
    public void Gives_the_overall_rate_and_no_estimate_once_ended() =>
        Assert.Equal(new ImportThroughput(100, null), ImportThroughput.Of(Job(ImportStatus.Succeeded, 1_000, 1_000, Start.AddSeconds(10)), DateTimeOffset.MaxValue));

    [Fact]
    public void Says_nothing_before_the_first_rows() =>
        Assert.Equal(default, ImportThroughput.Of(Job(ImportStatus.Running, 0, 2_500), new DateTimeOffset(Start.AddSeconds(4), TimeSpan.Zero)));
}
