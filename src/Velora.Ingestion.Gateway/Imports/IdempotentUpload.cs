using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Velora.Ingestion.Jobs;
using Velora.Ingestion.Parsing;

namespace Velora.Ingestion.Gateway.Imports;

/// <summary>
/// Uploads sent with an <c>Idempotency-Key</c>: the same store and key within 24 h answer with the first import (same
/// id, no second job, no second file), even for requests sent at the same moment; a different request with a reused
/// key gets 422. Which upload holds a key is owned by <see cref="UploadIdempotency"/>.
/// </summary>
public static class IdempotentUpload
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>How long a repeat waits for the first request's file to be received before it says to try again.</summary>
    static readonly TimeSpan FirstRequestPatience = TimeSpan.FromMinutes(2);

    /// <summary>Reads the header: null when absent; printable ASCII of 1 to 255 characters otherwise, else a 400.</summary>
    public static bool TryRead(HttpRequest request, out string? key, out IResult? refusal)
    {
        key = null;
        refusal = null;
        if (!request.Headers.TryGetValue(HeaderName, out var values))
        {
            return true;
        }

        var value = values.Count == 1 ? values[0]?.Trim() : null;
        if (value is not { Length: > 0 and <= UploadIdempotency.MaxKeyLength } || value.Any(c => c is < '!' or > '~'))
        {
            refusal = Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid Idempotency-Key",
                detail: $"{HeaderName} is one value of 1 to {UploadIdempotency.MaxKeyLength} printable ASCII characters without spaces (a UUID, say).");
            return false;
        }

        key = value;
        return true;
    }

    /// <summary>What makes two uploads the same request: the type, the file options, the file's name and its content.</summary>
    public static byte[] Fingerprint(string interactionType, ImportOptions options, string? fileName, byte[] contentSha256)
    {
        var text = new StringBuilder()
            .Append(interactionType).Append('\n')
            .Append(options.Delimiter?.ToString() ?? string.Empty).Append('\n')
            .Append(options.Encoding ?? string.Empty).Append('\n');
        foreach (var (source, target) in options.ColumnMapping.Targets.OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(source.ToLowerInvariant()).Append('\u001f').Append(target).Append('\u001e');
        }

        text.Append('\n').Append(fileName ?? string.Empty).Append('\n').Append(Convert.ToHexString(contentSha256));
        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>
    /// Answers a request whose key another request holds: its file is read only to be compared, then it gets the holder's
    /// import (202, or 200 with the final status under <c>wait=</c>), 422 for a different request, or 409 when the first
    /// request was refused or is still being received after a while.
    /// </summary>
    public static async Task<IResult> ReplayAsync(
        HttpContext http, string interactionType, ImportOptions options, string key, int? wait,
        UploadIdempotency idempotency, ImportStatusReader reader, GatewayOptions limits, TimeProvider time)
    {
        var tenantId = Tenants.HttpContextTenant.Tenant(http).Id;
        var token = http.RequestAborted;
        var receipt = await UploadReceiver.HashAsync(http.Request, limits, token);
        if (receipt.Refusal is not null)
        {
            return receipt.Refusal;
        }

        var fingerprint = Fingerprint(interactionType, options, receipt.FileName, receipt.ContentSha256!);
        var deadline = time.GetUtcNow() + FirstRequestPatience;
        IdempotencyClaim? holder;
        while ((holder = await idempotency.FindAsync(tenantId, key, token)) is { IsComplete: false } && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, token);
        }

        // A claim left without a fingerprint by a request that died (the gateway stopped mid-upload, or its upload was
        // refused and could not give the key back) is given back once its import is known to have been refused, to have
        // failed, or never to have existed.
        if (holder is { IsComplete: false } && await reader.ReadAsync(tenantId, holder.ImportId, token) is not { Status: not (ImportStatus.Failed or ImportStatus.Refused) })
        {
            await idempotency.ReleaseAsync(tenantId, key, holder.ImportId, token);
            holder = null;
        }

        if (holder is null || !holder.IsComplete)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Idempotency-Key in use",
                detail: holder is null
                    ? "The first request with this Idempotency-Key was refused or did not complete; send the upload again."
                    : "The first request with this Idempotency-Key is still being received; retry in a moment.");
        }

        if (!CryptographicOperations.FixedTimeEquals(holder.Fingerprint, fingerprint))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency-Key reused",
                detail: $"This Idempotency-Key was used within {UploadIdempotency.Lifetime.TotalHours.ToString(CultureInfo.InvariantCulture)} h for another request (import {holder.ImportId}); use a new key for a different file or options.");
        }

        http.Response.Headers["Idempotent-Replayed"] = "true";
        var location = $"/v1/imports/{holder.ImportId}";
        var status = wait is > 0
            ? await reader.WaitForEndAsync(tenantId, holder.ImportId, TimeSpan.FromSeconds(wait.Value), token)
            : await reader.ReadAsync(tenantId, holder.ImportId, token);
        if (status is not null && ImportStatus.IsEnded(status.Status) && wait is > 0)
        {
            http.Response.Headers.Location = location;
            return Results.Ok(status);
        }

        return Results.Accepted(location, new { import_id = holder.ImportId, status = status?.Status ?? ImportStatus.Queued, location });
    }
}
