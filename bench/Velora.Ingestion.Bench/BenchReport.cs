using System.Globalization;

namespace Velora.Ingestion.Bench;

/// <summary>What the benchmark prints: the figures of a round, or the table of rounds at each history size. True when every count was exact.</summary>
internal static class BenchReport
{
    public static bool Print(BenchRound.Figures figures, BenchOptions options)
    {
        Console.WriteLine($"psql \\copy (no index):     {figures.CopySeconds,7:F2} s  {figures.CopyRate,10:N0} rows/s  (median of {figures.CopyList} s)");
        Console.WriteLine($"our import (clean):        {figures.Clean.Seconds,7:F2} s  {figures.CleanRate,10:N0} rows/s  (median of {figures.CleanList} s) {figures.Clean.Counts}");
        Console.WriteLine($"our import (1 % bad rows): {figures.Bad.Seconds,7:F2} s  {figures.BadRate,10:N0} rows/s  (median of {figures.BadList} s) {figures.Bad.Counts}");
        Console.WriteLine($"CPU of the median clean import: {figures.Clean.Cpu}");
        PrintCostPerRow(figures);
        var (workerPeak, gatewayPeak) = PeaksInMegabytes([figures]);
        Console.WriteLine($"peak resident memory: worker {workerPeak} MB (the largest of {options.WorkerPids.Count}), gateway {gatewayPeak} MB");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"ratio_vs_copy={figures.RatioVsCopy:F2} bad_vs_clean={figures.BadVsClean:F2} worker_peak_mb={workerPeak} gateway_peak_mb={gatewayPeak}"));
        return Exact([figures]);
    }

    public static bool PrintHistory(IReadOnlyList<(long History, BenchRound.Figures Figures)> levels)
    {
        var none = levels[0].Figures.CleanRate;
        Console.WriteLine("| history rows | psql \\copy rows/s | our import, clean rows/s | 1 % bad rows/s | ratio_vs_copy | bad_vs_clean | clean vs history 0 | interactions B/row: table + indexes |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (history, figures) in levels)
        {
            var sizes = figures.Interactions;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {history:N0} | {figures.CopyRate:N0} | {figures.CleanRate:N0} | {figures.BadRate:N0} | {figures.RatioVsCopy:F2} | {figures.BadVsClean:F2} | {figures.CleanRate / none:F2} | {sizes.TableBytesPerRow:F0} + {sizes.IndexBytesPerRow:F0} ({sizes.Rows:N0} rows) |"));
        }

        var (lastHistory, last) = levels[^1];
        foreach (var (history, figures) in levels)
        {
            Console.WriteLine($"CPU of the median clean import at {history:N0} rows of history: {figures.Clean.Cpu}");
        }

        PrintCostPerRow(last);
        var (workerPeak, gatewayPeak) = PeaksInMegabytes(levels.Select(l => l.Figures));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"history_rows={lastHistory} history_vs_none={last.CleanRate / none:F2} ratio_vs_copy={last.RatioVsCopy:F2} bad_vs_clean={last.BadVsClean:F2} worker_peak_mb={workerPeak} gateway_peak_mb={gatewayPeak}"));
        return Exact(levels.Select(l => l.Figures));
    }

    static void PrintCostPerRow(BenchRound.Figures figures) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"bytes on disk per row: interaction {figures.Interactions.TableBytesPerRow:F0} + {figures.Interactions.IndexBytesPerRow:F0} in indexes; failure {figures.Failures.TableBytesPerRow:F0} + {figures.Failures.IndexBytesPerRow:F0} in indexes"));

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
