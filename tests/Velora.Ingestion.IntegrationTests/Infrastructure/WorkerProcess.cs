using System.Diagnostics;

namespace Velora.Ingestion.IntegrationTests.Infrastructure;

/// <summary>The worker as an OS process of its own, so a test can kill it (SIGKILL) the way a crash would.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly StreamWriter _log;

    WorkerProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public static WorkerProcess Start(IReadOnlyDictionary<string, string?> settings, string logPath)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, "Velora.Ingestion.Worker.dll");
        var start = new ProcessStartInfo("dotnet", [worker])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        // Its health endpoints on a free port, whatever else runs on this machine.
        start.Environment["Urls"] = "http://127.0.0.1:0";
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process, log);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: no shutdown hooks, no acknowledgements, open transactions die with the connection.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }
}
