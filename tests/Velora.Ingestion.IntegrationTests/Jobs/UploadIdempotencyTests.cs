using Velora.Ingestion.Gateway.Imports;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Jobs;

/// <summary>The claims on Idempotency-Keys in PostgreSQL, with a clock the test moves.</summary>
[Collection(RunningIngestionGroup.Name)]
public sealed class UploadIdempotencyTests(RunningIngestion ingestion)
{
    sealed class MovableTime(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task A_key_is_held_for_24_hours_and_may_be_claimed_again_after()
    {
        var (tenant, _) = await ingestion.CreateTenantAsync("idem-expiry");
        var clock = new MovableTime(DateTimeOffset.UtcNow);
        var keys = new UploadIdempotency(ingestion.AdminDataSource, clock);
        var first = Guid.CreateVersion7();
        var second = Guid.CreateVersion7();

        Assert.Null(await keys.ClaimAsync(tenant.Id, "daily-export", first, CancellationToken.None));
        clock.Now += TimeSpan.FromHours(23.9);
        Assert.Equal(first, (await keys.ClaimAsync(tenant.Id, "daily-export", second, CancellationToken.None))!.ImportId);

        clock.Now += TimeSpan.FromHours(0.2);
        Assert.Null(await keys.FindAsync(tenant.Id, "daily-export", CancellationToken.None));
        Assert.Null(await keys.ClaimAsync(tenant.Id, "daily-export", second, CancellationToken.None));
        var holder = await keys.FindAsync(tenant.Id, "daily-export", CancellationToken.None);
        Assert.Equal(second, holder!.ImportId);
        Assert.False(holder.IsComplete);
    }

    [Fact]
    public async Task A_claim_is_given_back_only_by_the_upload_that_holds_it()
    {
        var (tenant, _) = await ingestion.CreateTenantAsync("idem-release");
        var keys = new UploadIdempotency(ingestion.AdminDataSource, TimeProvider.System);
        var holder = Guid.CreateVersion7();
        Assert.Null(await keys.ClaimAsync(tenant.Id, "k", holder, CancellationToken.None));

        await keys.ReleaseAsync(tenant.Id, "k", Guid.CreateVersion7(), CancellationToken.None);
        Assert.Equal(holder, (await keys.FindAsync(tenant.Id, "k", CancellationToken.None))!.ImportId);

        await keys.CompleteAsync(tenant.Id, "k", holder, new byte[32], CancellationToken.None);
        Assert.True((await keys.FindAsync(tenant.Id, "k", CancellationToken.None))!.IsComplete);
        await keys.ReleaseAsync(tenant.Id, "k", holder, CancellationToken.None);
        Assert.Null(await keys.FindAsync(tenant.Id, "k", CancellationToken.None));
    }
}
