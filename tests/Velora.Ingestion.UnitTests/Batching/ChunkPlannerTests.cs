using System.Text;
using Velora.Ingestion.Parsing;

namespace Velora.Ingestion.Batching;

public sealed class ChunkPlannerTests
{
    static MemoryStream File(string text, bool bom = false) =>
        new([.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text)]);

    static Task<ImportPlan> Plan(Stream file, int chunkRows = 2) => ChunkPlanner.PlanAsync(file, Interactions.Purchase.Instance, ImportOptions.Detect, chunkRows, ImportLimits.Default, CancellationToken.None);

    [Fact]
    public async Task Cuts_the_file_into_chunks_that_reread_to_the_same_rows()
    {
        var text = "user_id,item_id\nu1,i1\n\n\"u\n2\",i2\nu3,\"i,3\"\r\nu4,i4\nu5,i5";
        using var file = File(text, bom: true);

        var plan = await Plan(file);

        Assert.Equal(5, plan.TotalRows);
        Assert.Equal([(1L, 2), (3L, 2), (5L, 1)], plan.Chunks.Select(c => (c.FirstRow, c.RowCount)));
        Assert.Equal(file.Length, plan.Chunks.Sum(c => c.ByteLength));
        var reread = new List<string>();
        foreach (var chunk in plan.Chunks)
        {
            file.Position = chunk.ByteOffset;
            await using var reader = InteractionCsv.Open(file, hasHeader: false, plan.Format.Delimiter);
            for (var i = 0; i < chunk.RowCount && await reader.ReadAsync(); i++)
            {
                reread.Add(reader.GetString(0) + "|" + reader.GetString(1));
            }
        }

        Assert.Equal(["u1|i1", "u\n2|i2", "u3|i,3", "u4|i4", "u5|i5"], reread);
    }

    [Fact]
    public async Task Plans_no_chunks_for_a_header_only_file()
    {
        var plan = await Plan(File("user_id,item_id\n"));

        Assert.Equal(0, plan.TotalRows);
        Assert.Empty(plan.Chunks);
    }

    [Theory]
    [InlineData("", "File is empty")]
    [InlineData("user_id,price\nu,1\n", "Missing required column: item_id")]
    public async Task Fails_a_file_without_rows_to_read_or_a_required_column(string text, string error) =>
        Assert.Equal(error, (await Assert.ThrowsAsync<ImportFileException>(() => Plan(File(text)))).Message);

    [Fact]
    public async Task Cuts_a_utf16_file_at_offsets_in_its_own_bytes()
    {
        var text = "user_id\titem_id\nu1\ti1\nu2\ti2\nu3\ti3\n";
        using var file = new MemoryStream([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);

        var plan = await Plan(file);

        // 2 bytes of byte order mark, then 2 bytes per character: row 3 starts after the header and two rows of 6 characters.
        Assert.Equal(new FileFormat('\t', "utf-16le"), plan.Format);
        Assert.Equal([(2 + 2 * 16L, 1L), (2 + 2 * (16 + 12L), 3L)], plan.Chunks.Select(c => (c.ByteOffset, c.FirstRow)));
        Assert.Equal(file.Length, plan.Chunks.Sum(c => c.ByteLength));
    }

    [Fact]
    public async Task Fails_a_file_with_invalid_utf8_bytes_naming_the_row_and_the_encoding_to_try()
    {
        using var file = new MemoryStream([.. Encoding.UTF8.GetBytes("user_id,item_id\nu,i\nu2,"), 0xC3, 0x28, (byte)'\n']);

        var error = await Assert.ThrowsAsync<ImportFileException>(() => Plan(file));

        Assert.StartsWith("File is not valid UTF-8 text (invalid bytes in row 2); if it was saved by Excel", error.Message, StringComparison.Ordinal);
        Assert.Contains("encoding=windows-1252", error.Message, StringComparison.Ordinal);
    }
}
