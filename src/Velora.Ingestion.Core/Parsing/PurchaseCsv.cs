using CsvHelper;

namespace Velora.Ingestion.Parsing;

/// <summary>The one place that says how purchase files are read, so planning and chunk reading agree on record boundaries.</summary>
public static class PurchaseCsv
{
    /// <summary>Largest record accepted; a longer one (an unclosed quote, a 100 MB field) fails the file instead of exhausting memory.</summary>
    public const int MaxRecordBytes = 1024 * 1024;

    public static CsvReaderOptions Options(bool hasHeader) => new()
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
    };

    /// <summary>Opens a reader over UTF-8 input; the stream is left open for the caller to dispose.</summary>
    public static CsvReader Open(Stream stream, bool hasHeader) => CsvReader.Create(stream, Options(hasHeader), leaveOpen: true);
}
