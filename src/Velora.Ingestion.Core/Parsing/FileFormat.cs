namespace Velora.Ingestion.Parsing;

/// <summary>
/// How a file is written, as its planning found it and every chunk reads it: the delimiter (one of <c>, ; \t |</c>)
/// and the text encoding (a canonical name of <see cref="TextEncodings"/>). A comma is a decimal separator too where
/// it is not the delimiter.
/// </summary>
public sealed record FileFormat(char Delimiter, string Encoding)
{
    /// <summary>The decimal separators a number may use: <c>.</c>, and <c>,</c> too unless the comma is the delimiter.</summary>
    public string DecimalSeparator => Delimiter == ',' ? "." : ",";
}
