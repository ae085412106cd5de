namespace Velora.Ingestion.Blobs;

/// <summary>Where uploaded files live between the gateway and the workers. Keys are made by the server, never from a file name.</summary>
public interface IBlobStore
{
    /// <summary>Streams <paramref name="content"/> into a new blob and returns its size in bytes.</summary>
    Task<long> WriteAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens a blob for reading; seekable where the store allows it.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task<long?> GetLengthAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
