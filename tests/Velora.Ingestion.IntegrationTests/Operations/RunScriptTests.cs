using System.Diagnostics;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Operations;

/// <summary>
/// <c>./run.sh</c> itself, on a stack of its own (its own database, virtual host, ports and state folder) beside the
/// tests' services: after a crash it starts what died instead of reporting it.
/// </summary>
[Collection(RunScriptGroup.Name)]
public sealed class RunScriptTests : IAsyncLifetime
{
    TestEnvironment _environment = null!;
    string _state = null!;
    Dictionary<string, string> _settings = null!;

    static string Root
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "run.sh")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("run.sh is not above the test's folder");
        }
    }

    public async Task InitializeAsync()
    {
        _environment = await TestEnvironment.CreateAsync();
        _state = Directory.CreateTempSubdirectory("velora-run-sh-").FullName;
        _settings = new Dictionary<string, string>
        {
            ["VELORA_STATE_DIR"] = _state,
            ["VELORA_GATEWAY_URL"] = $"http://127.0.0.1:{Ports.Closed()}",
            ["VELORA_WORKER_URL"] = $"http://127.0.0.1:{Ports.Closed()}",
            ["VELORA_DB_NAME"] = _environment.DatabaseName,
            ["VELORA_RABBITMQ_VHOST"] = _environment.VirtualHost,
            // The test run built both already; a second build beside the running tests would only cost time.
            ["VELORA_RUN_NO_BUILD"] = "1",
            ["VELORA_RUN_TIMEOUT"] = "120",
        };
    }

    public async Task DisposeAsync()
    {
        await RunAsync("stop");
        await _environment.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public async Task Starts_again_a_worker_found_dead_while_waiting_for_it()
    {
        var first = await RunAsync();
        Assert.True(first.Code == 0, first.Output);
        Assert.Contains("\"status\": \"succeeded\"", first.Output, StringComparison.Ordinal);

        // The worker is killed, and its pid file names a process that is alive for one more second: run.sh finds it
        // "running", waits for it to become ready, and sees it die meanwhile. This is what a kill a moment before
        // ./run.sh looks like, made certain.
        var workerPid = int.Parse(await File.ReadAllTextAsync(Path.Combine(_state, "worker.pid")), System.Globalization.CultureInfo.InvariantCulture);
        using (var worker = Process.GetProcessById(workerPid))
        {
            worker.Kill();
            await worker.WaitForExitAsync();
        }

        using var dying = Process.Start(new ProcessStartInfo("sleep", "1"))!;
        await File.WriteAllTextAsync(Path.Combine(_state, "worker.pid"), dying.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var second = await RunAsync();

        Assert.True(second.Code == 0, second.Output);
        Assert.Contains("the worker is not running; starting it again", second.Output, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"succeeded\"", second.Output, StringComparison.Ordinal);
    }

    async Task<(int Code, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Root, "run.sh"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
        };
        foreach (var (key, value) in _settings)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await errors + await output);
    }
}

/// <summary>run.sh starts whole processes: its tests run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunScriptGroup
{
    public const string Name = "run script";
}
