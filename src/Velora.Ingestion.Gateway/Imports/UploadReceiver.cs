using Velora.Ingestion.Blobs;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// Streams an upload into the blob store, inflating gzip on the way. Whatever is refused (too large on the wire or
/// once inflated, broken gzip, an unknown encoding) leaves no file behind.
/// </summary>
public static class UploadReceiver
{
    public static async Task<UploadReceipt> ReceiveAsync(HttpRequest request, IBlobStore blobs, string blobKey, GatewayOptions options, CancellationToken cancellationToken)
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

            var size = await blobs.WriteAsync(blobKey, upload.Content, cancellationToken);
            return new UploadReceipt(null, UploadSource.CleanFileName(upload.FileName), size);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await blobs.DeleteAsync(blobKey, CancellationToken.None);
            return UploadReceipt.Refused(Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large", detail: $"Uploads are limited to {options.MaxUploadBytes} bytes."));
        }
        catch (DecompressedTooLargeException e)
        {
            await blobs.DeleteAsync(blobKey, CancellationToken.None);
            return UploadReceipt.Refused(Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large once decompressed", detail: $"{e.Message} Compressed uploads are limited to {e.Limit} bytes decompressed."));
        }
        catch (InvalidDataException e)
        {
            await blobs.DeleteAsync(blobKey, CancellationToken.None);
            return UploadReceipt.Refused(Results.Problem(
                statusCode: StatusCodes.Status400BadRequest, title: "Unreadable upload", detail: $"The upload is not valid gzip data or not a valid multipart form ({e.Message})."));
        }
    }
}
