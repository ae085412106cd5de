namespace Velora.Ingestion.Contracts;

/// <summary>
/// The stable codes of row failures (<c>code</c> beside <c>error</c>): a program branches on these, a person reads the
/// error. With <c>column</c> (the header name of the field at fault) a code says what to fix; the list only grows.
/// </summary>
public static class FailureCodes
{
    /// <summary>A required value is empty or absent.</summary>
    public const string MissingField = "missing_field";

    /// <summary>A value is longer than its column allows.</summary>
    public const string FieldTooLong = "field_too_long";

    /// <summary>A value holds control characters (or NUL).</summary>
    public const string ControlCharacters = "control_characters";

    /// <summary>A number (quantity, price, rating, event value, number property) does not parse or is out of range.</summary>
    public const string InvalidNumber = "invalid_number";

    /// <summary>A boolean property is not true/false, yes/no or 1/0.</summary>
    public const string InvalidBoolean = "invalid_boolean";

    /// <summary>A timestamp (column or property) is in no accepted format.</summary>
    public const string InvalidTimestamp = "invalid_timestamp";

    /// <summary>A timestamp is more than 24 hours in the future.</summary>
    public const string TimestampInFuture = "timestamp_in_future";

    /// <summary>The record's quoting is broken (a quoted field never closed, text after a closing quote).</summary>
    public const string MalformedCsv = "malformed_csv";

    /// <summary>The record has more non-empty fields than the header has columns.</summary>
    public const string FieldCount = "field_count";

    /// <summary>Every code, in the order the docs list them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [MissingField, FieldTooLong, ControlCharacters, InvalidNumber, InvalidBoolean, InvalidTimestamp, TimestampInFuture, MalformedCsv, FieldCount];
}
