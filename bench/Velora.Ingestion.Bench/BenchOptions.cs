using System.Globalization;

namespace Velora.Ingestion.Bench;

/// <summary>Command-line options of the benchmark.</summary>
/// <param name="Rounds">Measured rounds (<c>--rounds N</c>; <c>bench/run.sh</c> chooses it unless told, see <see cref="BenchRound"/>).</param>
/// <param name="History">Rows of history to load before measuring (<c>--history N</c>); 0 measures as before, into new stores.</param>
internal sealed record BenchOptions(int Rows, bool Shuffled, string Gateway, string Postgres, IReadOnlyList<int> WorkerPids, int GatewayPid, string OutDir, long History, int Rounds)
{
    /// <summary>The history sizes measured on the way to <see cref="History"/>: 0, 10M, 20M and 50M where below it, then itself.</summary>
    public IReadOnlyList<long> HistoryLevels =>
        History == 0 ? [] : new long[] { 0, 10_000_000, 20_000_000, 50_000_000 }.Where(level => level < History).Append(History).ToArray();

    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string? fallback = null)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback ?? throw new ArgumentException($"missing {name}");
        }

        return new BenchOptions(
            int.Parse(Value("--rows", "1000000"), CultureInfo.InvariantCulture),
            args.Contains("--shuffled"),
            Value("--gateway", "http://127.0.0.1:5080"),
            Value("--postgres"),
            Value("--worker-pids").Split(',').Select(pid => int.Parse(pid, CultureInfo.InvariantCulture)).ToArray(),
            int.Parse(Value("--gateway-pid"), CultureInfo.InvariantCulture),
            Value("--out", "bench/out"),
            long.Parse(Value("--history", "0"), CultureInfo.InvariantCulture),
            int.Parse(Value("--rounds"), CultureInfo.InvariantCulture));
    }
}
