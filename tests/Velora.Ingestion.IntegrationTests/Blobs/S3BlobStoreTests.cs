using Microsoft.Extensions.Options;
using Velora.Ingestion.Blobs;
using Velora.Ingestion.IntegrationTests.Infrastructure;

namespace Velora.Ingestion.IntegrationTests.Blobs;

/// <summary>
/// The blob-store contract against a real S3-compatible server (s3rver from ./test.sh, or MinIO where Docker answers),
/// in a bucket of its own, with 5 MiB parts so that the large file goes up as a multipart upload.
/// </summary>
public sealed class S3BlobStoreTests(S3Server server) : BlobStoreContract, IClassFixture<S3Server>, IDisposable
{
    readonly S3BlobStore _store = new(Options.Create(new BlobOptions
    {
        Provider = BlobOptions.S3Provider,
        S3 = server.Options($"contract-{Guid.NewGuid():N}"[..30], partSizeBytes: 5 * 1024 * 1024),
    }));

    protected override IBlobStore Store => _store;

    public void Dispose() => _store.Dispose();
}
