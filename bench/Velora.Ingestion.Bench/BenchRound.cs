using System.Globalization;
using Npgsql;

namespace Velora.Ingestion.Bench;

/// <summary>
/// The measured rounds: each is a <c>psql \copy</c> of the clean file, then our import of it end to end and our import of the
/// 1 %-bad file, each into the table the other found, the clean one first in every other round. Each of the three figures
/// is the median of its rounds. A round leaves the tables as it found them: each import's rows are removed (and vacuumed
/// away) once it is measured.
/// </summary>
internal sealed class BenchRound(BenchOptions options, NpgsqlDataSource dataSource, BenchImport importer, string clean, string bad)
{
    /// <summary>
    /// Every step here moves by ±10–15 % between runs of the same work on this machine (five copies in a row: 1.16–1.46 s),
    /// so one import against the median of three copies said as much about the noise as about the import. All three
    /// figures are medians of the same rounds, and the rounds interleave them, so a slow minute of the machine falls on all.
    /// Fifteen by default (<c>bench/run.sh</c> chooses): one round's own <c>bad_vs_clean</c> moves by about 8 % (standard deviation over 45 rounds), so with
    /// five the median of a run moved by about ±5 % (0.88, 0.95, 0.98 in three runs in a row), too much to tell a 5 % target;
    /// with fifteen, 0.99 in three of three (<see cref="RoundRatio"/> prints the interval). Five per level with <c>--history</c>,
    /// whose target (0.85) is further from the noise, so that a run stays within minutes.
    /// </summary>
    int Rounds => options.Rounds;

    public async Task<Figures> RunAsync(Func<Task<BenchStore>> storeFor)
    {
        var copies = new List<double>();
        var cleanRuns = new List<BenchImport.Result>();
        var badRuns = new List<BenchImport.Result>();
        TableSizes? interactions = null;
        TableSizes? failures = null;
        for (var round = 0; round < Rounds; round++)
        {
            // Every measured step starts vacuumed and checkpointed. A run writes gigabytes of WAL, and with the default
            // max_wal_size (1 GB) PostgreSQL starts a checkpoint every 540 MB of it (max_wal_size / (1 + checkpoint_completion_target)):
            // whichever step one fell in paid for the full-page images after it.
            await BenchData.SettleAsync(dataSource);
            copies.Add(await Baseline.CopyAsync(options.Postgres, clean));

            // Each import goes into the table the other found, never into one a million rows larger: whichever of the two ran
            // second was 5–10 % slower that way (clean first: bad_vs_clean 0.86–0.96; bad first: 1.04 and 1.09). And the two
            // take turns at going first, so that neither figure carries what comes of its place in the round.
            foreach (var isBad in round % 2 == 0 ? [false, true] : new[] { true, false })
            {
                await BenchData.SettleAsync(dataSource);
                var store = await storeFor();
                var run = await importer.RunAsync(store.ApiKey, isBad ? bad : clean);
                (isBad ? badRuns : cleanRuns).Add(run);
                if (isBad)
                {
                    failures ??= await BenchData.SizesAsync(dataSource, "import_failures");
                }
                else
                {
                    interactions ??= await BenchData.SizesAsync(dataSource, "interactions");
                }

                await BenchData.RemoveImportAsync(dataSource, store.Id, run.ImportId);
            }
        }

        return new Figures(options.Rows, copies, cleanRuns, badRuns, interactions!, failures!);
    }

    /// <param name="Interactions">Sizes of <c>interactions</c> with the first clean import's rows in it.</param>
    /// <param name="Failures">Sizes of <c>import_failures</c> with the first bad import's failures in it.</param>
    public sealed record Figures(
        int Rows, IReadOnlyList<double> Copies, IReadOnlyList<BenchImport.Result> CleanRuns, IReadOnlyList<BenchImport.Result> BadRuns, TableSizes Interactions, TableSizes Failures)
    {
        public double CopySeconds => Copies.Order().ElementAt(Copies.Count / 2);

        /// <summary>The clean import of median time: its CPU and counts are the ones printed.</summary>
        public BenchImport.Result Clean => Median(CleanRuns);

        public BenchImport.Result Bad => Median(BadRuns);

        public double CopyRate => Rows / CopySeconds;

        public double CleanRate => Rows / Clean.Seconds;

        public double BadRate => Rows / Bad.Seconds;

        public double RatioVsCopy => CopySeconds / Clean.Seconds;

        public double BadVsClean => Clean.Seconds / Bad.Seconds;

        /// <summary>Each round's copy against its clean import, as one ratio with its interval.</summary>
        public RoundRatio RoundsRatioVsCopy => RoundRatio.Of(Copies, CleanRuns.Select(r => r.Seconds).ToArray());

        /// <summary>Each round's clean import against its bad one (they ran one after the other), as one ratio with its interval.</summary>
        public RoundRatio RoundsBadVsClean => RoundRatio.Of(CleanRuns.Select(r => r.Seconds).ToArray(), BadRuns.Select(r => r.Seconds).ToArray());

        /// <summary>Every row of both files was counted in every round, and exactly the bad ones failed.</summary>
        public bool CountsAreExact =>
            CleanRuns.All(r => r.Processed == Rows && r.Failed == 0) && BadRuns.All(r => r.Processed == Rows && r.Failed == Rows / 100);

        public IEnumerable<BenchImport.Result> Imports => CleanRuns.Concat(BadRuns);

        public string CopyList => List(Copies);

        public string CleanList => List(CleanRuns.Select(r => r.Seconds));

        public string BadList => List(BadRuns.Select(r => r.Seconds));

        static BenchImport.Result Median(IReadOnlyList<BenchImport.Result> runs) => runs.OrderBy(r => r.Seconds).ElementAt(runs.Count / 2);

        static string List(IEnumerable<double> seconds) => string.Join(", ", seconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)));
    }
}
