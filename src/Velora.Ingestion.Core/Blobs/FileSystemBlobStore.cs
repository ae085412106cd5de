using Microsoft.Extensions.Options;

namespace Velora.Ingestion.Blobs;

/// <summary>The default blob store: one folder, shared by gateway and workers.</summary>
public sealed class FileSystemBlobStore(IOptions<BlobOptions> options) : IBlobStore
{
    const int BufferSize = 128 * 1024;

    public async Task<long> WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write to a temporary name and rename, so a reader never sees half a file.
        var partial = path + ".partial";
        try
        {
            await using var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            await content.CopyToAsync(file, BufferSize, cancellationToken);
            await file.FlushAsync(cancellationToken);
        }
        catch
        {
            // A refused (413) or aborted upload leaves nothing behind.
            File.Delete(partial);
            throw;
        }

        File.Move(partial, path, overwrite: true);
        return new FileInfo(path).Length;
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Blob not found: {key}");
        }

        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Task.FromResult(stream);
    }

    public Task<long?> GetLengthAsync(string key, CancellationToken cancellationToken)
    {
        var info = new FileInfo(PathOf(key));
        return Task.FromResult(info.Exists ? info.Length : (long?)null);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    string PathOf(string key)
    {
        if (!BlobKeys.IsSafe(key))
        {
            throw new ArgumentException($"Unsafe blob key: {key}", nameof(key));
        }

        var root = Path.GetFullPath(options.Value.Root);
        return Path.GetFullPath(Path.Combine(root, key));
    }
}
