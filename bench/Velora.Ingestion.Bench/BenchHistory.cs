using System.Globalization;
using Npgsql;
using Velora.Ingestion.Interactions;
using Velora.Ingestion.Tenants;
using Velora.Ingestion.Writing;

namespace Velora.Ingestion.Bench;

/// <summary>
/// What a store's next file meets in production: <c>interactions</c> already holding millions of rows, of this store and
/// of others. Ten stores (<c>history-00</c> … <c>history-09</c>) with purchases time-ordered over the two years before the
/// benchmark's file (2023–2024), the same 100k users and 50k items per store as the file. They are loaded month after
/// month, the ten stores of a month two at a time, through the product's own <see cref="ChunkWriter"/> (keys, columns and
/// encoding exactly as an import stores them), so the tables and indexes grow as they do when stores import over time. Each store-month
/// carries an import id of its own but has no <c>import_jobs</c> row: it stands for the rows, not for the jobs, of the past.
/// </summary>
internal sealed class BenchHistory(NpgsqlDataSource dataSource, long totalRows)
{
    const int Stores = 10;
    const int Months = 24;
    static readonly DateTime Start = new(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    readonly List<BenchStore> _stores = [];
    int _monthsLoaded;
    long _loaded;

    /// <summary>History rows stored so far (repeats of one user, item and second within a store-month are stored once).</summary>
    public long Loaded => _loaded;

    /// <summary>The store whose next file the benchmark imports: it has its own share of the history.</summary>
    public BenchStore MeasuredStore => _stores[0];

    public static string StoreName(int store) => string.Create(CultureInfo.InvariantCulture, $"history-{store:D2}");

    public async Task CreateStoresAsync(TenantStore tenants)
    {
        for (var store = 0; store < Stores; store++)
        {
            var (tenant, apiKey) = await tenants.CreateWithKeyAsync(StoreName(store), default);
            _stores.Add(new BenchStore(tenant.Id, apiKey));
        }
    }

    /// <summary>
    /// Loads whole months, oldest first, until at least <paramref name="rows"/> history rows are stored. Two stores load
    /// at a time, one per core: one generates and encodes while PostgreSQL stores the other's.
    /// </summary>
    public async Task LoadUntilAsync(long rows)
    {
        // Rounded up, so that half the months reach half the rows (10M of 20M after 12 months).
        var perStoreMonth = (int)((totalRows + (Months * Stores) - 1) / (Months * Stores));
        while (_loaded < rows && _monthsLoaded < Months)
        {
            var month = _monthsLoaded;
            await Parallel.ForEachAsync(
                Enumerable.Range(0, Stores),
                new ParallelOptions { MaxDegreeOfParallelism = 2 },
                async (store, _) => Interlocked.Add(ref _loaded, await LoadAsync(store, month, perStoreMonth)));
            _monthsLoaded++;
        }
    }

    async Task<long> LoadAsync(int store, int month, int rows)
    {
        var random = new Random((store * 100) + month);
        var from = Start.AddMonths(month);
        var seconds = (long)(from.AddMonths(1) - from).TotalSeconds;
        var importId = Guid.CreateVersion7();
        var keyed = new List<KeyedInteraction>(rows);
        for (var i = 0; i < rows; i++)
        {
            var at = new DateTimeOffset(from.AddSeconds(random.NextInt64(seconds)));
            var row = new Interaction(
                i + 1,
                string.Create(CultureInfo.InvariantCulture, $"user-{random.Next(100_000)}"),
                string.Create(CultureInfo.InvariantCulture, $"item-{random.Next(50_000)}"),
                at,
                random.Next(1, 6),
                random.Next(100, 100_000) / 100m,
                null);
            keyed.Add(new KeyedInteraction(InteractionIdentity.Of(Purchase.Instance.IdentityType(row), row.UserId, row.ItemId, at), row));
        }

        var distinct = DistinctRows.Of(keyed);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await new ChunkWriter(connection, _stores[store].Id, importId, Purchase.Instance).WriteAsync(distinct, default);
        await transaction.CommitAsync();
        return distinct.Count;
    }
}
