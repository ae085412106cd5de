using System.Buffers;
using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Util;
using Microsoft.Extensions.Options;

namespace Velora.Ingestion.Blobs;

/// <summary>
/// Blobs in an S3-compatible object store, for gateways and workers on several machines. Uploads stream through one
/// part-sized buffer: a file smaller than a part is one PUT, a larger one a multipart upload (aborted if the upload
/// fails, so nothing half-written remains). Reads are ranged GETs behind a seekable stream.
/// </summary>
public sealed class S3BlobStore : IBlobStore, IDisposable
{
    readonly S3BlobOptions _options;
    readonly AmazonS3Client _client;
    readonly SemaphoreSlim _bucketGate = new(1, 1);
    bool _bucketReady;

    public S3BlobStore(IOptions<BlobOptions> options)
    {
        _options = options.Value.S3;
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.PartSizeBytes, 5 * 1024 * 1024, "Blobs:S3:PartSizeBytes");
        _client = CreateClient(_options);
    }

    public async Task<long> WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        EnsureSafe(key);
        await EnsureBucketAsync(cancellationToken);
        var partSize = _options.PartSizeBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(partSize);
        string? uploadId = null;
        try
        {
            var read = await content.ReadAtLeastAsync(buffer.AsMemory(0, partSize), partSize, throwOnEndOfStream: false, cancellationToken);
            if (read < partSize)
            {
                // Non-AWS servers store chunk-encoded (aws-chunked) bodies as they are: send plain bodies.
                await _client.PutObjectAsync(
                    new PutObjectRequest { BucketName = _options.Bucket, Key = key, InputStream = new MemoryStream(buffer, 0, read, writable: false), UseChunkEncoding = false },
                    cancellationToken);
                return read;
            }

            uploadId = (await _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _options.Bucket, Key = key }, cancellationToken)).UploadId;
            var parts = new List<PartETag>();
            long total = 0;
            while (read > 0)
            {
                var part = await _client.UploadPartAsync(
                    new UploadPartRequest
                    {
                        BucketName = _options.Bucket,
                        Key = key,
                        UploadId = uploadId,
                        PartNumber = parts.Count + 1,
                        InputStream = new MemoryStream(buffer, 0, read, writable: false),
                        PartSize = read,
                        UseChunkEncoding = false,
                    },
                    cancellationToken);
                parts.Add(new PartETag(parts.Count + 1, part.ETag));
                total += read;
                read = await content.ReadAtLeastAsync(buffer.AsMemory(0, partSize), partSize, throwOnEndOfStream: false, cancellationToken);
            }

            await _client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = _options.Bucket, Key = key, UploadId = uploadId, PartETags = parts }, cancellationToken);
            return total;
        }
        catch when (uploadId is not null)
        {
            // An unfinished multipart upload is never visible as an object. Aborting it frees its parts at once; a server
            // that cannot abort (s3rver) keeps them until the bucket's lifecycle rule for incomplete uploads removes them.
            await AbortQuietlyAsync(key, uploadId);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var length = await GetLengthAsync(key, cancellationToken) ?? throw new FileNotFoundException($"Blob not found: {key}");
        return new S3ObjectStream(_client, _options.Bucket, key, length);
    }

    public async Task<long?> GetLengthAsync(string key, CancellationToken cancellationToken)
    {
        EnsureSafe(key);
        try
        {
            var metadata = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _options.Bucket, Key = key }, cancellationToken);
            return metadata.ContentLength;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        EnsureSafe(key);
        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _options.Bucket, Key = key }, cancellationToken);
    }

    public void Dispose()
    {
        _client.Dispose();
        _bucketGate.Dispose();
    }

    async Task AbortQuietlyAsync(string key, string uploadId)
    {
        try
        {
            await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _options.Bucket, Key = key, UploadId = uploadId }, CancellationToken.None);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException)
        {
            // The upload's own failure is the one to report.
        }
    }

    static AmazonS3Client CreateClient(S3BlobOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // Checksums only where S3 requires them: the newer default trailers are not understood by every server.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }

        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    static void EnsureSafe(string key)
    {
        if (!BlobKeys.IsSafe(key))
        {
            throw new ArgumentException($"Unsafe blob key: {key}", nameof(key));
        }
    }

    // A bucket made beforehand (the usual case in production) is only checked, never created.
    async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _bucketReady))
        {
            return;
        }

        await _bucketGate.WaitAsync(cancellationToken);
        try
        {
            if (!_bucketReady && !await AmazonS3Util.DoesS3BucketExistV2Async(_client, _options.Bucket))
            {
                await _client.PutBucketAsync(new PutBucketRequest { BucketName = _options.Bucket }, cancellationToken);
            }

            Volatile.Write(ref _bucketReady, true);
        }
        finally
        {
            _bucketGate.Release();
        }
    }
}
