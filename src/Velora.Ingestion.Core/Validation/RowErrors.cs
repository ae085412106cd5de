using System.Text;
using Velora.Ingestion.Contracts;

namespace Velora.Ingestion.Validation;

/// <summary>The wording and code of row errors, in one place because stores read them and programs branch on the codes.</summary>
public static class RowErrors
{
    // Values echoed in messages are cut so one hostile field cannot bloat every failure report.
    const int MaxEchoedLength = 64;

    public static readonly RowError TimestampFormatInvalid = new(FailureCodes.InvalidTimestamp, "Timestamp format invalid");

    public static RowError MissingField(string column) => new(FailureCodes.MissingField, $"Missing required field: {column}");

    public static RowError FieldTooLong(string column, int max) => new(FailureCodes.FieldTooLong, $"Field too long: {column} (at most {max} characters)");

    public static RowError ControlCharacters(string column) => new(FailureCodes.ControlCharacters, $"Invalid characters in field: {column} (control characters are not allowed)");

    public static RowError TimestampInFuture(string value) => new(FailureCodes.TimestampInFuture, $"Timestamp is more than 24 hours in the future: {Echo(value)}");

    public static RowError InvalidQuantity(string value) => new(FailureCodes.InvalidNumber, $"Invalid quantity: {Echo(value)} (a whole number from 1 to 1000000)");

    public static RowError InvalidPrice(string value) => new(FailureCodes.InvalidNumber, $"Invalid purchase amount: {Echo(value)}");

    public static RowError InvalidUnitPrice(string value) => new(FailureCodes.InvalidNumber, $"Invalid price: {Echo(value)}");

    public static RowError InvalidRating(string value) =>
        new(FailureCodes.InvalidNumber, $"Invalid rating: {Echo(value)} (a number from {Interactions.Rating.Min} to {Interactions.Rating.Max}, at most 2 decimals)");

    public static RowError InvalidEventValue(string value) => new(FailureCodes.InvalidNumber, $"Invalid event_value: {Echo(value)} (a number)");

    public static RowError InvalidNumber(string column, string value) => new(FailureCodes.InvalidNumber, $"Invalid number in column {column}: {Echo(value)}");

    public static RowError InvalidBoolean(string column, string value) => new(FailureCodes.InvalidBoolean, $"Invalid boolean in column {column}: {Echo(value)} (true/false, yes/no or 1/0)");

    public static RowError InvalidTimestamp(string column, string value) => new(FailureCodes.InvalidTimestamp, $"Invalid timestamp in column {column}: {Echo(value)}");

    public static RowError MalformedQuoting(CsvHelper.CsvMalformedReason reason) => new(FailureCodes.MalformedCsv, reason switch
    {
        CsvHelper.CsvMalformedReason.UnterminatedQuote => "Malformed CSV: a quoted field is never closed",
        CsvHelper.CsvMalformedReason.TextAfterClosingQuote => "Malformed CSV: text after the closing quote of a field",
        _ => $"Malformed CSV: {reason}",
    });

    public static RowError FieldCount(int actual, int expected) => new(FailureCodes.FieldCount, $"Row has {actual} fields, the header has {expected}");

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
