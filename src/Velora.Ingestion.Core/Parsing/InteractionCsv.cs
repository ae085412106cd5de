using CsvHelper;

namespace Velora.Ingestion.Parsing;

/// <summary>The one place that says how interaction files are read, so planning and chunk reading agree on record boundaries.</summary>
public static class InteractionCsv
{
    /// <summary>Largest record accepted; a longer one (an unclosed quote, a 100 MB field) fails the file instead of exhausting memory.</summary>
    public const int MaxRecordBytes = 1024 * 1024;

    public static CsvReaderOptions Options(bool hasHeader, Action<CsvMalformedRecord>? onMalformed = null) => new()
    {
        // The separator is fixed: auto-detection would silently accept a ';' file as something else.
        Separator = ',',
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
    /// Opens a reader over UTF-8 input; the stream is left open for the caller to dispose. <paramref name="onMalformed"/>
    /// hears of bad quoting in the record that the next read returns.
    /// </summary>
    public static CsvReader Open(Stream stream, bool hasHeader, Action<CsvMalformedRecord>? onMalformed = null) =>
        CsvReader.Create(stream, Options(hasHeader, onMalformed), leaveOpen: true);
}
