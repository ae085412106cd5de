using System.Globalization;
using Npgsql;
using Velora.Ingestion.Bench;
using Velora.Ingestion.Tenants;

// Measures, in one run on one machine: psql \copy of the clean file (the practical limit), our import of the same
// file end to end (upload to completed job), and our import of the 1 %-bad variant; with --history N, at each size of
// a store history loaded first. See bench/README.md.
var options = BenchOptions.Parse(args);
Directory.CreateDirectory(options.OutDir);
var order = options.Shuffled ? "shuffled" : "ordered";
var clean = Path.Combine(options.OutDir, $"purchases-{options.Rows}-{order}.csv");
var bad = Path.Combine(options.OutDir, $"purchases-{options.Rows}-{order}-bad.csv");
foreach (var (path, isBad) in new[] { (clean, false), (bad, true) })
{
    if (!File.Exists(path))
    {
        Console.Error.WriteLine($"generating {path}");
        BenchFiles.Write(path, options.Rows, isBad, options.Shuffled);
    }
}

Console.WriteLine($"file: {options.Rows:N0} rows, {new FileInfo(clean).Length / 1024.0 / 1024.0:F1} MB, timestamps {order}; {options.WorkerPids.Count} worker process(es)");
await using var dataSource = NpgsqlDataSource.Create(options.Postgres);
await BenchData.RemoveAsync(dataSource);
// What the tables held before this run (the warm-ups' rows stay until the end): per-row sizes mean something only if little.
var atStart = (Interactions: await BenchData.SizesAsync(dataSource, "interactions"), Failures: await BenchData.SizesAsync(dataSource, "import_failures"));
var tenants = new TenantStore(dataSource);
using var http = new HttpClient { BaseAddress = new Uri(options.Gateway), Timeout = TimeSpan.FromHours(1) };
var importer = new BenchImport(http, dataSource, options);

// Warm-up: a freshly started worker and gateway run their code unoptimised (tiered JIT) and PostgreSQL's caches are cold; a
// service that has been running does not pay that on every import.
// First many small imports: the code run once per upload (the gateway's request, the worker's planning and completion) is
// compiled again by tiered JIT only after 30 calls, and until then every measured import paid for some of it. With two
// warm-ups only, perf found the gateway's and the worker's JIT threads busy 0.08-0.3 CPU-s in each measured import, and the
// gateway used 0.12-0.35 CPU-s per upload; after 40 small imports, 0.01-0.05 and 0.06-0.12 (bench/README.md).
const int SmallRows = 10_000;
if (options.Rows > SmallRows)
{
    await WarmUpAsync(SmallRows, times: 40);
}

// Then two of the measured size (at most 1M rows): after one, the first measured import of a freshly started stack still ran
// at 0.28 of the copy against 0.32–0.34 for the runs after it; after two, the first run already measures like the rest.
await WarmUpAsync(Math.Min(options.Rows, 1_000_000), times: 2);

var round = new BenchRound(options, dataSource, importer, clean, bad);
var ok = options.History == 0
    ? BenchReport.Print(await round.RunAsync(NewStoreAsync), options, atStart)
    : BenchReport.PrintHistory(await MeasureHistoryAsync(), atStart);
Console.Error.WriteLine("removing the benchmark's tenants and rows");
await BenchData.RemoveAsync(dataSource);
return ok ? 0 : 1;

// Imports a generated file of that many rows (1 % bad, so the failures' code is warm too) that many times, each as a new store.
async Task WarmUpAsync(int rows, int times)
{
    var file = Path.Combine(options.OutDir, $"warm-up-{rows}-{order}.csv");
    if (!File.Exists(file))
    {
        BenchFiles.Write(file, rows, bad: true, options.Shuffled, seed: 7);
    }

    for (var i = 0; i < times; i++)
    {
        await importer.RunAsync((await tenants.CreateWithKeyAsync($"bench-warm-up-{Guid.NewGuid():N}", default)).ApiKey, file);
    }
}

async Task<BenchStore> NewStoreAsync()
{
    var (tenant, apiKey) = await tenants.CreateWithKeyAsync($"bench-{Guid.NewGuid():N}", default);
    return new BenchStore(tenant.Id, apiKey);
}

// Each level: load the history up to it, settle the database, then the same round as without history, both imports into
// the first history store (which has its own share of the history: its index pages are the ones the import meets).
async Task<IReadOnlyList<(long History, BenchRound.Figures Figures)>> MeasureHistoryAsync()
{
    await BenchData.RemoveAsync(dataSource);
    var history = new BenchHistory(dataSource, options.History);
    await history.CreateStoresAsync(tenants);
    var measured = new List<(long, BenchRound.Figures)>();
    foreach (var level in options.HistoryLevels)
    {
        var loading = System.Diagnostics.Stopwatch.StartNew();
        await history.LoadUntilAsync(level);
        await BenchData.SettleAsync(dataSource);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"history: {history.Loaded:N0} rows ({loading.Elapsed.TotalSeconds:F0} s to load and settle); measuring"));
        var figures = await round.RunAsync(() => Task.FromResult(history.MeasuredStore));
        Console.Error.WriteLine($"  clean {figures.CleanList} s, bad {figures.BadList} s, copy {figures.CopyList} s");
        measured.Add((history.Loaded, figures));
    }

    return measured;
}
