namespace Velora.Ingestion.Parsing;

/// <summary>Rejects files that are not UTF-8 before any row is read: UTF-16 and UTF-32 announce themselves with a byte order mark.</summary>
public static class FileEncoding
{
    /// <summary>Checks the start of a seekable stream and rewinds it.</summary>
    public static async Task EnsureUtf8Async(Stream file, CancellationToken cancellationToken)
    {
        if (file.Length == 0)
        {
            throw new ImportFileException("File is empty");
        }

        var start = new byte[4];
        var read = await file.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancellationToken);
        file.Position = 0;
        var name = (read, start) switch
        {
            ( >= 4, [0xFF, 0xFE, 0x00, 0x00]) or ( >= 4, [0x00, 0x00, 0xFE, 0xFF]) => "UTF-32",
            ( >= 2, [0xFF, 0xFE, ..]) or ( >= 2, [0xFE, 0xFF, ..]) => "UTF-16",
            _ => null,
        };
        if (name is not null)
        {
            throw new ImportFileException($"File is not UTF-8 text (it is {name}); save it as UTF-8 CSV and upload it again");
        }
    }
}
