using System.Net.Sockets;
using Amazon.Runtime;
using Npgsql;

namespace Velora.Ingestion.Resilience;

/// <summary>
/// The one list of faults that are worth retrying: the same work can succeed a moment later.
/// Everything else (bad SQL, constraint violations, bad files) fails at once.
/// </summary>
public static class TransientFaults
{
    static readonly HashSet<string> TransientSqlStates =
    [
        "40001", // serialization_failure
        "40P01", // deadlock_detected
        "53300", // too_many_connections
        "55P03", // lock_not_available
        "57P01", // admin_shutdown (server restarting)
        "57P02", // crash_shutdown
        "57P03", // cannot_connect_now (server starting)
        "58000", // system_error
        "08000", "08001", "08003", "08004", "08006", "08007", // connection exceptions
    ];

    public static bool IsTransientDatabaseFault(Exception exception) => exception switch
    {
        PostgresException postgres => TransientSqlStates.Contains(postgres.SqlState),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or SocketException or TimeoutException,
        TimeoutException => true,
        _ => false,
    };

    /// <summary>A unit of import work (it reads the file and writes the database) is retried for either kind.</summary>
    public static bool IsTransient(Exception exception) =>
        IsTransientDatabaseFault(exception) || IsTransientBlobFault(exception) || IsTransientBrokerFault(exception);

    /// <summary>The broker is unreachable or did not confirm a publish: publishing again later can succeed.</summary>
    public static bool IsTransientBrokerFault(Exception exception) =>
        exception is MassTransit.ConnectionException or MassTransit.TransportException or MassTransit.RequestTimeoutException;

    /// <summary>
    /// Disk I/O errors, and what an S3-compatible store answers while it restarts or throttles (5xx, 429, SlowDown) or
    /// when it cannot be reached, once the SDK's own retries are spent. Access denied and missing objects are not.
    /// </summary>
    public static bool IsTransientBlobFault(Exception exception) => exception switch
    {
        FileNotFoundException or DirectoryNotFoundException or EndOfStreamException => false,
        IOException or HttpRequestException => true,
        AmazonServiceException service when (int)service.StatusCode is >= 500 or 429 or 408 => true,
        AmazonServiceException service => service.ErrorCode is "SlowDown" or "RequestTimeout" or "InternalError" or "ServiceUnavailable",
        AmazonClientException client => client.InnerException is HttpRequestException or IOException or SocketException,
        _ => false,
    };
}
