using System.Diagnostics;

namespace Velora.Ingestion.IntegrationTests.Infrastructure;

/// <summary>Stops and starts the real PostgreSQL and RabbitMQ through the script named by VELORA_TEST_SERVICE_CONTROL (set by ./test.sh).</summary>
public static class ServiceControl
{
    public static Task RestartPostgresAsync(string mode) => RunAsync("postgres-restart", mode);

    public static Task RestartRabbitMqAsync() => RunAsync("rabbitmq-restart");

    /// <summary>Applies to channels opened afterwards; RabbitMQ checks it about once a minute.</summary>
    public static Task SetConsumerTimeoutAsync(TimeSpan timeout) =>
        RunAsync("rabbitmq-consumer-timeout", ((long)timeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));

    static async Task RunAsync(params string[] arguments)
    {
        var script = Environment.GetEnvironmentVariable("VELORA_TEST_SERVICE_CONTROL");
        if (string.IsNullOrWhiteSpace(script))
        {
            throw new InvalidOperationException(
                "This test stops and restarts PostgreSQL or RabbitMQ: run it through ./test.sh, which sets VELORA_TEST_SERVICE_CONTROL to deploy/local/control.sh.");
        }

        using var process = Process.Start(new ProcessStartInfo("bash", [script, .. arguments]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        // A service that does not stop (a RabbitMQ left half-started once made `service … stop` wait for ever) fails the
        // test that asked for the restart, instead of holding the whole suite until CI's limit.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        string error;
        try
        {
            var reading = process.StandardError.ReadToEndAsync(limit.Token);
            await process.StandardOutput.ReadToEndAsync(limit.Token);
            error = await reading;
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} {string.Join(' ', arguments)} did not finish within 3 minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} failed: {error}");
        }
    }
}
