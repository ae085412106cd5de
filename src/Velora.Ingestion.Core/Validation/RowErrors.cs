using System.Text;

namespace Velora.Ingestion.Validation;

/// <summary>The wording of row errors, in one place because stores read (and sometimes parse) them.</summary>
public static class RowErrors
{
    // Values echoed in messages are cut so one hostile field cannot bloat every failure report.
    const int MaxEchoedLength = 64;

    public const string TimestampFormatInvalid = "Timestamp format invalid";

    public static string MissingField(string column) => $"Missing required field: {column}";

    public static string FieldTooLong(string column, int max) => $"Field too long: {column} (at most {max} characters)";

    public static string ControlCharacters(string column) => $"Invalid characters in field: {column} (control characters are not allowed)";

    public static string TimestampInFuture(string value) => $"Timestamp is more than 24 hours in the future: {Echo(value)}";

    public static string InvalidQuantity(string value) => $"Invalid quantity: {Echo(value)} (a whole number from 1 to 1000000)";

    public static string InvalidPrice(string value) => $"Invalid purchase amount: {Echo(value)}";

    public static string InvalidUnitPrice(string value) => $"Invalid price: {Echo(value)}";

    public static string InvalidRating(string value) =>
        $"Invalid rating: {Echo(value)} (a number from {Interactions.Rating.Min} to {Interactions.Rating.Max}, at most 2 decimals)";

    public static string InvalidEventValue(string value) => $"Invalid event_value: {Echo(value)} (a number)";

    public static string InvalidNumber(string column, string value) => $"Invalid number in column {column}: {Echo(value)}";

    public static string InvalidBoolean(string column, string value) => $"Invalid boolean in column {column}: {Echo(value)} (true/false, yes/no or 1/0)";

    public static string InvalidTimestamp(string column, string value) => $"Invalid timestamp in column {column}: {Echo(value)}";

    public static string MalformedQuoting(CsvHelper.CsvMalformedReason reason) => reason switch
    {
        CsvHelper.CsvMalformedReason.UnterminatedQuote => "Malformed CSV: a quoted field is never closed",
        CsvHelper.CsvMalformedReason.TextAfterClosingQuote => "Malformed CSV: text after the closing quote of a field",
        _ => $"Malformed CSV: {reason}",
    };

    public static string FieldCount(int actual, int expected) => $"Row has {actual} fields, the header has {expected}";

    /// <summary>The value as shown in a message: control characters as '?', cut on a whole character.</summary>
    internal static string Echo(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, MaxEchoedLength + 1));
        foreach (var rune in value.EnumerateRunes())
        {
            if (builder.Length + rune.Utf16SequenceLength > MaxEchoedLength)
            {
                return builder.Append('…').ToString();
            }

            if (Rune.IsControl(rune))
            {
                builder.Append('?');
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }
}
