using System.Diagnostics;
using Npgsql;

namespace Velora.Ingestion.Bench;

/// <summary>The practical limit: psql's \copy of the same file into a plain table of the same column types, with no index.</summary>
internal static class Baseline
{
    public static async Task<double> CopyAsync(string connectionString, string file)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        await Psql(connection, "DROP TABLE IF EXISTS bench_copy_baseline; CREATE TABLE bench_copy_baseline (user_id text, item_id text, occurred_at timestamptz, quantity integer, price numeric(19, 4))");
        var watch = Stopwatch.StartNew();
        await Psql(connection, $"\\copy bench_copy_baseline FROM '{file}' WITH (FORMAT csv, HEADER true)");
        var seconds = watch.Elapsed.TotalSeconds;
        await Psql(connection, "DROP TABLE bench_copy_baseline");
        return seconds;
    }

    static async Task Psql(NpgsqlConnectionStringBuilder connection, string command)
    {
        var start = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-h", connection.Host!, "-p", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", connection.Username!, "-d", connection.Database!, "-v", "ON_ERROR_STOP=1", "-qc", command })
        {
            start.ArgumentList.Add(argument);
        }

        using var psql = Process.Start(start)!;
        var error = await psql.StandardError.ReadToEndAsync();
        await psql.StandardOutput.ReadToEndAsync();
        await psql.WaitForExitAsync();
        if (psql.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql failed: {error}");
        }
    }
}
