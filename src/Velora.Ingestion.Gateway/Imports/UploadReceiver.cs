using System.Security.Cryptography;
using Velora.Ingestion.Blobs;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// Streams an upload into the blob store, inflating gzip on the way. Whatever is refused (too large on the wire or
/// once inflated, broken gzip, an unknown encoding) leaves no file behind.
/// </summary>
public static class UploadReceiver
{
    /// <summary>Stores the file under <paramref name="blobKey"/>; with <paramref name="hashContent"/> the receipt carries its SHA-256.</summary>
    public static Task<UploadReceipt> ReceiveAsync(
        HttpRequest request, IBlobStore blobs, string blobKey, GatewayOptions options, bool hashContent, CancellationToken cancellationToken) =>
        ReceiveIntoAsync(request, options, hashContent, (content, token) => blobs.WriteAsync(blobKey, content, token), () => blobs.DeleteAsync(blobKey, CancellationToken.None), cancellationToken);

    /// <summary>
    /// Reads the file only to hash it, under the same limits, and stores nothing: a repeated idempotent upload is compared
    /// with the first by its content without keeping a second copy.
    /// </summary>
    public static Task<UploadReceipt> HashAsync(HttpRequest request, GatewayOptions options, CancellationToken cancellationToken) =>
        ReceiveIntoAsync(request, options, hashContent: true, CountAsync, () => Task.CompletedTask, cancellationToken);

    static async Task<UploadReceipt> ReceiveIntoAsync(
        HttpRequest request, GatewayOptions options, bool hashContent, Func<Stream, CancellationToken, Task<long>> write, Func<Task> discard, CancellationToken cancellationToken)
    {
        if (!UploadSource.IsSupportedEncoding(request))
        {
            return UploadReceipt.Refused(Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Content-Encoding", detail: "Send the file as is or gzip-compressed (Content-Encoding: gzip)."));
        }

        try
        {
            await using var upload = await UploadSource.FromAsync(request, options.MaxDecompressedBytes, cancellationToken);
            if (upload is null)
            {
                return UploadReceipt.Refused(Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest, title: "No file", detail: "Send the file as the multipart field 'file' or as a text/csv body."));
            }

            if (!hashContent)
            {
                var size = await write(upload.Content, cancellationToken);
                return new UploadReceipt(null, UploadSource.CleanFileName(upload.FileName), size);
            }

            // In read mode a CryptoStream hands the bytes on unchanged and finishes the hash at the end of the file.
            using var sha256 = SHA256.Create();
            long hashedSize;
            await using (var hashed = new CryptoStream(upload.Content, sha256, CryptoStreamMode.Read, leaveOpen: true))
            {
                hashedSize = await write(hashed, cancellationToken);
            }

            return new UploadReceipt(null, UploadSource.CleanFileName(upload.FileName), hashedSize) { ContentSha256 = sha256.Hash };
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await discard();
            return UploadReceipt.Refused(Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large", detail: $"Uploads are limited to {options.MaxUploadBytes} bytes."));
        }
        catch (DecompressedTooLargeException e)
        {
            await discard();
            return UploadReceipt.Refused(Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large once decompressed", detail: $"{e.Message} Compressed uploads are limited to {e.Limit} bytes decompressed."));
        }
        catch (InvalidDataException e)
        {
            await discard();
            return UploadReceipt.Refused(Results.Problem(
                statusCode: StatusCodes.Status400BadRequest, title: "Unreadable upload", detail: $"The upload is not valid gzip data or not a valid multipart form ({e.Message})."));
        }
    }

    static async Task<long> CountAsync(Stream content, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }
}
