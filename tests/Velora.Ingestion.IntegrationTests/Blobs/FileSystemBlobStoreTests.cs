using Microsoft.Extensions.Options;
using Velora.Ingestion.Blobs;

namespace Velora.Ingestion.IntegrationTests.Blobs;

/// <summary>The blob-store contract against the file-system store in a folder of its own.</summary>
public sealed class FileSystemBlobStoreTests : BlobStoreContract, IDisposable
{
    readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("velora-blob-contract-");

    public FileSystemBlobStoreTests() =>
        Store = new FileSystemBlobStore(Options.Create(new BlobOptions { Root = _root.FullName }));

    protected override IBlobStore Store { get; }

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Nothing_is_written_outside_the_root_nor_left_as_a_partial_file()
    {
        var key = BlobKeys.ForImport(Guid.NewGuid(), Guid.NewGuid());
        await Store.WriteAsync(key, new MemoryStream([1, 2, 3]), CancellationToken.None);

        var files = _root.EnumerateFiles("*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_root.FullName, f.FullName).Replace('\\', '/'));

        Assert.Equal([key], files);
    }
}
