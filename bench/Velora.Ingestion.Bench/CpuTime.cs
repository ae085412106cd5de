using System.Globalization;

namespace Velora.Ingestion.Bench;

/// <summary>
/// CPU seconds used by the worker processes, the gateway and PostgreSQL, read from <c>/proc</c> (user + system time).
/// PostgreSQL's is the sum over its processes plus what its postmaster collected from children that exited meanwhile.
/// </summary>
internal sealed record CpuTime(double Worker, double Gateway, double Postgres, double Machine)
{
    // USER_HZ: /proc reports CPU time in these ticks, 100 a second on Linux whatever the kernel's own tick rate.
    const double TicksPerSecond = 100;

    public static CpuTime Read(IReadOnlyList<int> workerPids, int gatewayPid)
    {
        var postgres = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Command(pid) == "postgres")
            {
                var (own, children) = Ticks(pid);
                postgres += own + children;
            }
        }

        return new CpuTime(workerPids.Sum(pid => Ticks(pid).Own) / TicksPerSecond, Ticks(gatewayPid).Own / TicksPerSecond, postgres / TicksPerSecond, MachineBusy());
    }

    public static CpuTime operator -(CpuTime end, CpuTime start) =>
        new(end.Worker - start.Worker, end.Gateway - start.Gateway, end.Postgres - start.Postgres, end.Machine - start.Machine);

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"worker {Worker:F2} s, PostgreSQL {Postgres:F2} s, gateway {Gateway:F2} s; the machine was busy {Machine:F2} CPU-s");

    static string? Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>utime + stime, and cutime + cstime (fields 14–17 of /proc/PID/stat, after the command in parentheses).</summary>
    static (double Own, double Children) Ticks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            double Field(int number) => double.Parse(fields[number - 3], CultureInfo.InvariantCulture);
            return (Field(14) + Field(15), Field(16) + Field(17));
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    /// <summary>All CPUs' busy time (everything but idle and iowait) from the first line of /proc/stat.</summary>
    static double MachineBusy()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (fields.Sum() - fields[3] - fields[4]) / TicksPerSecond;
    }
}
