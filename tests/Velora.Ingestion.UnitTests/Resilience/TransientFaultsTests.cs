using System.Net;
using Amazon.S3;

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
}
