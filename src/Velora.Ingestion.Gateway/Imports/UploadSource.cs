using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// Finds the file in an upload without buffering it: the <c>file</c> part of a multipart form, or the raw body
/// (<c>text/csv</c> or any other type). A gzip upload (<c>Content-Encoding: gzip</c>, a <c>.gz</c> file name or an
/// <c>application/gzip</c> part) is inflated while it streams, up to <c>Gateway:MaxDecompressedBytes</c>.
/// </summary>
public sealed record UploadSource(Stream Content, string? FileName) : IAsyncDisposable
{
    /// <summary>The inflated request body a multipart file part is read from, when the whole request was gzip.</summary>
    DecompressedStream? InflatedBody { get; init; }

    /// <summary>Whether the request's Content-Encoding is one the gateway reads (none, identity or gzip).</summary>
    public static bool IsSupportedEncoding(HttpRequest request) =>
        request.Headers.ContentEncoding.All(e => string.IsNullOrWhiteSpace(e) || IsGzip(e) || e.Trim().Equals("identity", StringComparison.OrdinalIgnoreCase));

    public static async Task<UploadSource?> FromAsync(HttpRequest request, long maxDecompressedBytes, CancellationToken cancellationToken)
    {
        var gzipBody = request.Headers.ContentEncoding.Any(IsGzip);
        var body = gzipBody ? new DecompressedStream(request.Body, maxDecompressedBytes) : request.Body;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var rawName = request.Query["file_name"].FirstOrDefault();
            var gzipFile = !gzipBody && (IsGzipName(rawName) || IsGzipType(request.ContentType));
            return new UploadSource(gzipFile ? new DecompressedStream(body, maxDecompressedBytes) : body, rawName);
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            await DisposeInflatingAsync(body);
            return null;
        }

        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = null };
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && HeaderUtilities.RemoveQuotes(disposition.Name).Equals("file", StringComparison.Ordinal))
            {
                var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                var gzipPart = !gzipBody && (IsGzipName(name) || IsGzipType(section.ContentType));
                return new UploadSource(gzipPart ? new DecompressedStream(section.Body, maxDecompressedBytes) : section.Body, name) { InflatedBody = body as DecompressedStream };
            }
        }

        await DisposeInflatingAsync(body);
        return null;
    }

    /// <summary>File names are metadata only: control characters removed, length capped.</summary>
    public static string? CleanFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var clean = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length == 0 ? null : clean[..Math.Min(clean.Length, 255)];
    }

    /// <summary>Disposes only an inflating wrapper; the request body belongs to the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Content is DecompressedStream inflating)
        {
            await inflating.DisposeAsync();
        }

        if (InflatedBody is not null)
        {
            await InflatedBody.DisposeAsync();
        }
    }

    static async Task DisposeInflatingAsync(Stream body)
    {
        if (body is DecompressedStream inflating)
        {
            await inflating.DisposeAsync();
        }
    }

    static bool IsGzip(string? encoding) => encoding?.Trim().Equals("gzip", StringComparison.OrdinalIgnoreCase) == true;

    static bool IsGzipName(string? name) => name?.TrimEnd().EndsWith(".gz", StringComparison.OrdinalIgnoreCase) == true;

    static bool IsGzipType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals("application/gzip", StringComparison.OrdinalIgnoreCase) || type.MediaType.Equals("application/x-gzip", StringComparison.OrdinalIgnoreCase));
}
