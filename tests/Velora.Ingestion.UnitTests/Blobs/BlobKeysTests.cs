namespace Velora.Ingestion.Blobs;

public sealed class BlobKeysTests
{
    [Fact]
    public void Makes_keys_from_ids_only()
    {
        var key = BlobKeys.ForImport(Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), Guid.Parse("01a20c1c-8238-70f6-991e-867d0ffcbfb3"));

        Assert.Equal("6f9619ff8b86d011b42d00c04fc964ff/01a20c1c823870f6991e867d0ffcbfb3.csv", key);
        Assert.True(BlobKeys.IsSafe(key));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../b")]
    [InlineData("a//b")]
    [InlineData("a\0b")]
    [InlineData("")]
    public void Refuses_keys_that_could_leave_the_store(string key) => Assert.False(BlobKeys.IsSafe(key));
}
