using System.Globalization;

namespace Velora.Ingestion.Bench;

/// <summary>What the benchmark prints: the figures of a round, or the table of rounds at each history size. True when every count was exact.</summary>
internal static class BenchReport
{
    public static bool Print(BenchRound.Figures figures, BenchOptions options, (TableSizes Interactions, TableSizes Failures) atStart)
    {
        Console.WriteLine($"psql \\copy (no index):     {figures.CopySeconds,7:F2} s  {figures.CopyRate,10:N0} rows/s  (median of {figures.CopyList} s)");
        Console.WriteLine($"our import (clean):        {figures.Clean.Seconds,7:F2} s  {figures.CleanRate,10:N0} rows/s  (median of {figures.CleanList} s) {figures.Clean.Counts}");
        Console.WriteLine($"our import (1 % bad rows): {figures.Bad.Seconds,7:F2} s  {figures.BadRate,10:N0} rows/s  (median of {figures.BadList} s) {figures.Bad.Counts}");
        Console.WriteLine($"CPU of the median clean import: {figures.Clean.Cpu}");
        PrintRounds(figures);
        PrintCostPerRow(figures, atStart);
        var (workerPeak, gatewayPeak) = PeaksInMegabytes([figures]);
        Console.WriteLine($"peak resident memory: worker {workerPeak} MB (the largest of {options.WorkerPids.Count}), gateway {gatewayPeak} MB");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"ratio_vs_copy={figures.RatioVsCopy:F2} bad_vs_clean={figures.BadVsClean:F2} worker_peak_mb={workerPeak} gateway_peak_mb={gatewayPeak}"));
        return Exact([figures]);
    }

    public static bool PrintHistory(IReadOnlyList<(long History, BenchRound.Figures Figures)> levels, (TableSizes Interactions, TableSizes Failures) atStart)
    {
        var none = levels[0].Figures.CleanRate;
        Console.WriteLine("| history rows | psql \\copy rows/s | our import, clean rows/s | 1 % bad rows/s | ratio_vs_copy | bad_vs_clean | clean vs history 0 | interactions B/row: table + indexes |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (history, figures) in levels)
        {
            var sizes = figures.Interactions;
            var perRow = atStart.Interactions.LeavesPerRowFigure(sizes) ? sizes.PerRow : "not measured";
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {history:N0} | {figures.CopyRate:N0} | {figures.CleanRate:N0} | {figures.BadRate:N0} | {figures.RatioVsCopy:F2} | {figures.BadVsClean:F2} | {figures.CleanRate / none:F2} | {perRow} ({sizes.Rows:N0} rows) |"));
        }

        var (lastHistory, last) = levels[^1];
        foreach (var (history, figures) in levels)
        {
            Console.WriteLine($"CPU of the median clean import at {history:N0} rows of history: {figures.Clean.Cpu}");
            Console.Write($"at {history:N0} rows of history, ");
            PrintRounds(figures);
        }

        PrintCostPerRow(last, atStart);
        var (workerPeak, gatewayPeak) = PeaksInMegabytes(levels.Select(l => l.Figures));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"history_rows={lastHistory} history_vs_none={last.CleanRate / none:F2} ratio_vs_copy={last.RatioVsCopy:F2} bad_vs_clean={last.BadVsClean:F2} worker_peak_mb={workerPeak} gateway_peak_mb={gatewayPeak}"));
        return Exact(levels.Select(l => l.Figures));
    }

    /// <summary>The two ratios taken round by round, with how far the machine's noise leaves each (the medians above are the figures).</summary>
    static void PrintRounds(BenchRound.Figures figures) =>
        Console.WriteLine($"round by round: ratio_vs_copy {figures.RoundsRatioVsCopy}, bad_vs_clean {figures.RoundsBadVsClean}");

    static void PrintCostPerRow(BenchRound.Figures figures, (TableSizes Interactions, TableSizes Failures) atStart) =>
        Console.WriteLine(
            $"bytes on disk per row: interaction {PerRow(figures.Interactions, atStart.Interactions, "interactions")}; failure {PerRow(figures.Failures, atStart.Failures, "import_failures")}");

    static string PerRow(TableSizes sizes, TableSizes atStart, string table) => atStart.LeavesPerRowFigure(sizes)
        ? $"{sizes.PerRow} in indexes"
        : string.Create(
            CultureInfo.InvariantCulture,
            $"not measured ({table} took {atStart.Size} with {atStart.Rows:N0} rows before this run, more than 5 % of its {sizes.Size} after the first import: a fresh database and a file of 1M rows measure it, as --history does)");

    static (long Worker, long Gateway) PeaksInMegabytes(IEnumerable<BenchRound.Figures> figures)
    {
        var all = figures.SelectMany(f => f.Imports).ToList();
        return (all.Max(r => r.WorkerPeakBytes) / 1024 / 1024, all.Max(r => r.GatewayPeakBytes) / 1024 / 1024);
    }

    static bool Exact(IEnumerable<BenchRound.Figures> figures)
    {
        if (figures.All(f => f.CountsAreExact))
        {
            return true;
        }

        Console.Error.WriteLine("counts are not exact: the figures above are not valid");
        return false;
    }
}
