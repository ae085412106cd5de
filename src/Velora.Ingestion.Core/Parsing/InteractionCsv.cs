using CsvHelper;

namespace Velora.Ingestion.Parsing;

/// <summary>The one place that says how interaction files are read, so planning and chunk reading agree on record boundaries.</summary>
public static class InteractionCsv
{
    /// <summary>Largest record accepted; a longer one (an unclosed quote, a 100 MB field) fails the file instead of exhausting memory.</summary>
    public const int MaxRecordBytes = 1024 * 1024;

    public static CsvReaderOptions Options(bool hasHeader, char? separator, Action<CsvMalformedRecord>? onMalformed = null) => new()
    {
        // Null at planning when the upload named none: the reader detects it from the first lines (, ; tab |), and every
        // chunk then reads with the one planning found.
        Separator = separator,
        HasHeader = hasHeader,
        AllowLineBreaksInQuotes = true,
        SkipEmptyLines = true,
        TrimWhitespace = false,
        MalformedData = CsvMalformedDataHandling.Recover,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        IncludeValuesInExceptions = false,
        MaxRecordSize = MaxRecordBytes,
        OnMalformedRecord = onMalformed,
    };

    /// <summary>
    /// Opens a reader over UTF-8 input (<see cref="Utf8TranscodingStream"/> makes it of any other); the stream is left
    /// open for the caller to dispose. <paramref name="onMalformed"/> hears of bad quoting in the record that the next read returns.
    /// </summary>
    public static CsvReader Open(Stream stream, bool hasHeader, char? separator, Action<CsvMalformedRecord>? onMalformed = null) =>
        CsvReader.Create(stream, Options(hasHeader, separator, onMalformed), leaveOpen: true);
}
