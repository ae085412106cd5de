using System.Text.Json;
using Velora.Ingestion.Interactions;
using Velora.Ingestion.Interactions.Rules;
using Velora.Ingestion.Parsing;

namespace Velora.Ingestion.Validation;

/// <summary>One property of one row, read as its column's kind: checked first, written to the row's JSON once the row is valid.</summary>
internal struct PropertyValue
{
    decimal _number;
    bool _boolean;
    DateTimeOffset _timestamp;
    string _text;

    /// <summary>Reads <paramref name="raw"/> as <paramref name="column"/>'s kind; null when accepted, else the row's error.</summary>
    public RowError? Read(PropertyColumn column, string raw, ValueFormat format, int maxLength)
    {
        _text = raw;
        if (raw.Length > maxLength)
        {
            return RowErrors.FieldTooLong(column.Name, maxLength);
        }

        // PostgreSQL text and jsonb cannot hold NUL; reject the row rather than fail the whole chunk.
        if (raw.Contains('\0', StringComparison.Ordinal))
        {
            return RowErrors.ControlCharacters(column.Name);
        }

        var text = raw.Trim();
        if (text.Length == 0)
        {
            return column.Required ? RowErrors.MissingField(column.Name) : null;
        }

        return column.Kind switch
        {
            PropertyKind.Number => DecimalRule.TryParse(text, format, out _number) ? null : RowErrors.InvalidNumber(column.Name, text),
            PropertyKind.Boolean => TryParseBoolean(text, out _boolean) ? null : RowErrors.InvalidBoolean(column.Name, text),
            PropertyKind.Timestamp => TimestampParser.TryParse(text, out _timestamp) ? null : RowErrors.InvalidTimestamp(column.Name, text),
            _ => null,
        };
    }

    /// <summary>Writes the value read last under the column's name; an empty value writes nothing.</summary>
    public readonly bool WriteTo(Utf8JsonWriter writer, PropertyColumn column)
    {
        if (_text.Length == 0 || (column.Kind != PropertyKind.Text && _text.AsSpan().Trim().IsEmpty))
        {
            return false;
        }

        switch (column.Kind)
        {
            case PropertyKind.Number:
                writer.WriteNumber(column.Name, _number);
                break;
            case PropertyKind.Boolean:
                writer.WriteBoolean(column.Name, _boolean);
                break;
            case PropertyKind.Timestamp:
                writer.WriteString(column.Name, _timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteString(column.Name, _text);
                break;
        }

        return true;
    }

    static bool TryParseBoolean(string text, out bool value)
    {
        var known = text.ToUpperInvariant() switch
        {
            "TRUE" or "YES" or "Y" or "1" => (bool?)true,
            "FALSE" or "NO" or "N" or "0" => false,
            _ => null,
        };
        value = known ?? false;
        return known.HasValue;
    }
}
