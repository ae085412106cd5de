using System.Net;
using System.Net.Sockets;
using Amazon.S3;
using Npgsql;

namespace Velora.Ingestion.Resilience;

public sealed class TransientFaultsTests
{
    static AmazonS3Exception S3(HttpStatusCode status, string code) => new("S3 says no") { StatusCode = status, ErrorCode = code };

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable")]
    [InlineData(HttpStatusCode.InternalServerError, "InternalError")]
    [InlineData(HttpStatusCode.TooManyRequests, "TooManyRequests")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "SlowDown")]
    public void An_object_store_restarting_or_throttling_is_retried(HttpStatusCode status, string code) =>
        Assert.True(TransientFaults.IsTransient(S3(status, code)));

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "AccessDenied")]
    [InlineData(HttpStatusCode.NotFound, "NoSuchBucket")]
    public void An_object_store_refusing_for_good_fails_at_once(HttpStatusCode status, string code) =>
        Assert.False(TransientFaults.IsTransient(S3(status, code)));

    [Fact]
    public void An_unreachable_object_store_and_disk_io_errors_are_retried_but_a_missing_file_is_not()
    {
        Assert.True(TransientFaults.IsTransient(new HttpRequestException("connection refused")));
        Assert.True(TransientFaults.IsTransient(new IOException("disk")));
        Assert.False(TransientFaults.IsTransient(new FileNotFoundException("gone")));
    }

    static PostgresException Postgres(string sqlState) => new("PostgreSQL says no", "ERROR", "ERROR", sqlState);

    [Theory]
    [InlineData("40001")] // serialization_failure
    [InlineData("40P01")] // deadlock_detected
    [InlineData("53300")] // too_many_connections
    [InlineData("55P03")] // lock_not_available
    [InlineData("57P01")] // admin_shutdown
    [InlineData("57P02")] // crash_shutdown
    [InlineData("57P03")] // cannot_connect_now
    [InlineData("58000")] // system_error
    [InlineData("08000")]
    [InlineData("08001")]
    [InlineData("08003")]
    [InlineData("08004")]
    [InlineData("08006")]
    [InlineData("08007")]
    public void A_database_that_is_busy_restarting_or_unreachable_is_retried(string sqlState)
    {
        Assert.True(TransientFaults.IsTransientDatabaseFault(Postgres(sqlState)));
        Assert.True(TransientFaults.IsTransient(Postgres(sqlState)));
    }

    [Theory]
    [InlineData("23505")] // unique_violation
    [InlineData("23503")] // foreign_key_violation
    [InlineData("23514")] // check_violation
    [InlineData("42601")] // syntax_error
    [InlineData("42501")] // insufficient_privilege
    [InlineData("22P02")] // invalid_text_representation
    [InlineData("57014")] // query_canceled: a cancelled call is not run again
    public void A_database_refusing_the_statement_itself_fails_at_once(string sqlState) =>
        Assert.False(TransientFaults.IsTransient(Postgres(sqlState)));

    [Fact]
    public void A_lost_or_timed_out_database_connection_is_retried_but_an_unrelated_npgsql_error_is_not()
    {
        Assert.True(TransientFaults.IsTransientDatabaseFault(new NpgsqlException("read failed", new IOException("reset"))));
        Assert.True(TransientFaults.IsTransientDatabaseFault(new NpgsqlException("connect failed", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(TransientFaults.IsTransientDatabaseFault(new NpgsqlException("slow", new TimeoutException())));
        Assert.True(TransientFaults.IsTransientDatabaseFault(new TimeoutException()));
        Assert.False(TransientFaults.IsTransientDatabaseFault(new NpgsqlException("protocol violation")));
        Assert.False(TransientFaults.IsTransientDatabaseFault(new InvalidOperationException("bug")));
    }

    [Fact]
    public void A_broker_that_cannot_be_reached_is_retried()
    {
        Assert.True(TransientFaults.IsTransientBrokerFault(new MassTransit.ConnectionException("refused")));
        Assert.True(TransientFaults.IsTransient(new MassTransit.RequestTimeoutException("no confirm")));
        Assert.False(TransientFaults.IsTransientBrokerFault(new MassTransit.ConfigurationException("bad")));
    }
}
