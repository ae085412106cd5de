using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Velora.Ingestion.Parsing;

namespace Velora.Ingestion.Validation;

/// <summary>
/// Applies the purchase rules of docs/design.md §1 to one row. One instance serves one chunk on one thread:
/// it reuses a JSON buffer and reads the clock once.
/// </summary>
public sealed class RowValidator(PurchaseHeader header, TimeProvider time, ImportLimits? limits = null)
{
    public const int MaxIdLength = 256;
    const int MaxQuantity = 1_000_000;
    // numeric(19,4) holds 15 integer digits.
    const decimal MaxPrice = 999_999_999_999_999.9999m;

    readonly DateTimeOffset _latestAllowed = time.GetUtcNow().AddHours(24);
    readonly ArrayBufferWriter<byte> _json = new(256);
    readonly int _maxFieldLength = (limits ?? ImportLimits.Default).MaxFieldLength;

    /// <summary>Validates one data record; exactly one of the out values is set.</summary>
    public bool TryValidate(long rowNumber, IReadOnlyList<string> fields, out PurchaseInteraction? interaction, out RowFailure? failure)
    {
        interaction = null;
        var rawUser = Field(fields, header.UserId);
        var rawItem = Field(fields, header.ItemId);
        var error = Check(fields, rawUser, rawItem, out var timestamp, out var quantity, out var price);
        if (error is not null)
        {
            failure = new RowFailure(rowNumber, rawUser, rawItem, error);
            return false;
        }

        failure = null;
        interaction = new PurchaseInteraction(rowNumber, rawUser.Trim(), rawItem.Trim(), timestamp, quantity, price, Properties(fields));
        return true;
    }

    public string RawUserId(IReadOnlyList<string> fields) => Field(fields, header.UserId);

    public string RawItemId(IReadOnlyList<string> fields) => Field(fields, header.ItemId);

    string? Check(IReadOnlyList<string> fields, string rawUser, string rawItem, out DateTimeOffset? timestamp, out int? quantity, out decimal? price)
    {
        timestamp = null;
        quantity = null;
        price = null;
        // Fewer fields read as empty (a missing value gets its own error); extra fields count only when they hold text.
        if (fields.Count > header.Columns.Count && fields.Skip(header.Columns.Count).Any(f => f.Length > 0))
        {
            return RowErrors.FieldCount(fields.Count, header.Columns.Count);
        }

        return CheckId("user_id", rawUser)
            ?? CheckId("item_id", rawItem)
            ?? CheckTimestamp(Field(fields, header.Timestamp).Trim(), out timestamp)
            ?? CheckQuantity(Field(fields, header.Quantity).Trim(), out quantity)
            ?? CheckPrice(Field(fields, header.Price).Trim(), out price)
            ?? CheckProperties(fields);
    }

    // PostgreSQL text and jsonb cannot hold NUL; reject the row rather than fail the whole chunk.
    string? CheckProperties(IReadOnlyList<string> fields)
    {
        foreach (var index in header.PropertyColumns)
        {
            var value = Field(fields, index);
            if (value.Length > _maxFieldLength)
            {
                return RowErrors.FieldTooLong(header.Columns[index], _maxFieldLength);
            }

            if (value.Contains('\0', StringComparison.Ordinal))
            {
                return RowErrors.ControlCharacters(header.Columns[index]);
            }
        }

        return null;
    }

    static string? CheckId(string column, string raw)
    {
        var value = raw.AsSpan().Trim();
        if (value.IsEmpty)
        {
            return RowErrors.MissingField(column);
        }

        if (value.Length > MaxIdLength)
        {
            return RowErrors.FieldTooLong(column, MaxIdLength);
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return RowErrors.ControlCharacters(column);
            }
        }

        return null;
    }

    string? CheckTimestamp(string text, out DateTimeOffset? timestamp)
    {
        timestamp = null;
        if (text.Length == 0)
        {
            return null;
        }

        if (!TimestampParser.TryParse(text, out var parsed))
        {
            return RowErrors.TimestampFormatInvalid;
        }

        if (parsed > _latestAllowed)
        {
            return RowErrors.TimestampInFuture(text);
        }

        timestamp = parsed;
        return null;
    }

    static string? CheckQuantity(string text, out int? quantity)
    {
        quantity = null;
        if (text.Length == 0)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < 1 || value > MaxQuantity)
        {
            return RowErrors.InvalidQuantity(text);
        }

        quantity = value;
        return null;
    }

    static string? CheckPrice(string text, out decimal? price)
    {
        price = null;
        if (text.Length == 0)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value < 0 || value > MaxPrice || decimal.Round(value, 4) != value)
        {
            return RowErrors.InvalidPrice(text);
        }

        price = value;
        return null;
    }

    string? Properties(IReadOnlyList<string> fields)
    {
        if (header.PropertyColumns.Count == 0)
        {
            return null;
        }

        _json.ResetWrittenCount();
        var written = 0;
        using (var writer = new Utf8JsonWriter(_json))
        {
            writer.WriteStartObject();
            foreach (var index in header.PropertyColumns)
            {
                var value = Field(fields, index);
                if (value.Length > 0)
                {
                    writer.WriteString(header.Columns[index], value);
                    written++;
                }
            }

            writer.WriteEndObject();
        }

        // No property with a value is stored as no properties at all.
        return written == 0 ? null : System.Text.Encoding.UTF8.GetString(_json.WrittenSpan);
    }

    static string Field(IReadOnlyList<string> fields, int index) =>
        index >= 0 && index < fields.Count ? fields[index] : string.Empty;
}
