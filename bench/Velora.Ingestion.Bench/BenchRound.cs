using System.Globalization;
using Npgsql;

namespace Velora.Ingestion.Bench;

/// <summary>
/// One measured round: <c>psql \copy</c> of the clean file three times (the median counts), our import of it end to end,
/// then our import of the 1 %-bad file into the table the clean one found. A round leaves the tables as it found them:
/// each import's rows are removed (and vacuumed away) once it is measured.
/// </summary>
internal sealed class BenchRound(BenchOptions options, NpgsqlDataSource dataSource, BenchImport importer, string clean, string bad)
{
    public async Task<Figures> RunAsync(Func<Task<BenchStore>> storeFor)
    {
        // Every measured step (the copies, then each import) starts vacuumed and checkpointed. A run writes about 1.8 GB of
        // WAL, and with the default max_wal_size (1 GB) PostgreSQL starts a checkpoint every 540 MB of it (max_wal_size /
        // (1 + checkpoint_completion_target)): whichever step one fell in paid for the full-page images after it.
        await BenchData.SettleAsync(dataSource);

        // The baseline is short and noisy: the median of three copies.
        var copies = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            copies.Add(await Baseline.CopyAsync(options.Postgres, clean));
        }

        await BenchData.SettleAsync(dataSource);
        var cleanStore = await storeFor();
        var cleanRun = await importer.RunAsync(cleanStore.ApiKey, clean);
        var interactions = await BenchData.SizesAsync(dataSource, "interactions");

        // The bad file goes into the table the clean one found, not into one a million rows larger: whichever of the two ran
        // second was 5–10 % slower (clean first: bad_vs_clean 0.86–0.96; bad first: 1.04 and 1.09).
        await BenchData.RemoveImportAsync(dataSource, cleanStore.Id, cleanRun.ImportId);
        await BenchData.CheckpointAsync(dataSource);
        var badStore = await storeFor();
        var badRun = await importer.RunAsync(badStore.ApiKey, bad);
        var failures = await BenchData.SizesAsync(dataSource, "import_failures");
        await BenchData.RemoveImportAsync(dataSource, badStore.Id, badRun.ImportId);
        return new Figures(options.Rows, copies, cleanRun, badRun, interactions, failures);
    }

    /// <param name="Interactions">Sizes of <c>interactions</c> with the clean import's rows in it.</param>
    /// <param name="Failures">Sizes of <c>import_failures</c> with the bad import's failures in it.</param>
    public sealed record Figures(int Rows, IReadOnlyList<double> Copies, BenchImport.Result Clean, BenchImport.Result Bad, TableSizes Interactions, TableSizes Failures)
    {
        public double CopySeconds => Copies.Order().ElementAt(Copies.Count / 2);

        public double CopyRate => Rows / CopySeconds;

        public double CleanRate => Rows / Clean.Seconds;

        public double BadRate => Rows / Bad.Seconds;

        public double RatioVsCopy => CopySeconds / Clean.Seconds;

        public double BadVsClean => Clean.Seconds / Bad.Seconds;

        /// <summary>Every row of both files was counted, and exactly the bad ones failed.</summary>
        public bool CountsAreExact => Clean.Processed == Rows && Bad.Processed == Rows && Bad.Failed == Rows / 100 && Clean.Failed == 0;

        public string CopyList => string.Join(", ", Copies.Select(c => c.ToString("F2", CultureInfo.InvariantCulture)));
    }
}
