using System.Buffers;
using System.Text.Json;
using Velora.Ingestion.Interactions;
using Velora.Ingestion.Interactions.Rules;
using Velora.Ingestion.Parsing;

namespace Velora.Ingestion.Validation;

/// <summary>
/// Applies the rules of a row's interaction type (docs/design.md §1) to one row: the ids first, then the type's columns
/// in its order, then the properties; the first broken rule is the row's error. One instance serves one chunk on one
/// thread: it reuses a JSON buffer and reads the clock once.
/// </summary>
public sealed class RowValidator(HeaderLayout header, ValueFormat format, ImportLimits? limits = null)
{
    public const int MaxIdLength = IdRule.MaxLength;

    readonly ArrayBufferWriter<byte> _json = new(256);
    readonly int _maxFieldLength = (limits ?? ImportLimits.Default).MaxFieldLength;
    readonly PropertyValue[] _properties = new PropertyValue[header.Properties.Count];

    public RowValidator(HeaderLayout header, TimeProvider time, ImportLimits? limits = null)
        : this(header, ValueFormat.For(',', time), limits)
    {
    }

    public InteractionSchema Schema => header.Schema;

    /// <summary>Validates one data record; exactly one of the out values is set.</summary>
    public bool TryValidate(long rowNumber, IReadOnlyList<string> fields, out Interaction? interaction, out RowFailure? failure)
    {
        interaction = null;
        var rawUser = Field(fields, header.UserId);
        var rawItem = Field(fields, header.ItemId);
        var values = default(InteractionValues);
        if (Check(fields, rawUser, rawItem, ref values) is { } fault)
        {
            failure = Failure(rowNumber, fields, fault.Error, fault.Index);
            return false;
        }

        failure = null;
        interaction = new Interaction(
            rowNumber, rawUser.Trim(), rawItem.Trim(), values.OccurredAt, values.Quantity, values.Price, Properties(), values.Value, values.EventType);
        return true;
    }

    /// <summary>A failure of the whole record (no one field at fault), e.g. its quoting.</summary>
    public RowFailure RecordFailure(long rowNumber, IReadOnlyList<string> fields, RowError error) =>
        Failure(rowNumber, fields, error, HeaderLayout.Absent);

    RowFailure Failure(long rowNumber, IReadOnlyList<string> fields, RowError error, int index) =>
        // The ids trimmed as a valid row's are, so an erasure of "u1" finds the failures of " u1 " too; the record keeps them as read.
        new(rowNumber, Field(fields, header.UserId).Trim(), Field(fields, header.ItemId).Trim(), error,
            index >= 0 && index < header.Columns.Count ? header.Columns[index] : null, fields);

    /// <returns>Null for a valid row, else its first error and the header index of the field at fault (or Absent).</returns>
    (RowError Error, int Index)? Check(IReadOnlyList<string> fields, string rawUser, string rawItem, ref InteractionValues values)
    {
        // Fewer fields read as empty (a missing value gets its own error); extra fields count only when they hold text.
        if (fields.Count > header.Columns.Count && fields.Skip(header.Columns.Count).Any(f => f.Length > 0))
        {
            return (RowErrors.FieldCount(fields.Count, header.Columns.Count), HeaderLayout.Absent);
        }

        if (IdRule.Check("user_id", rawUser) is { } user)
        {
            return (user, header.UserId);
        }

        if (IdRule.Check("item_id", rawItem) is { } item)
        {
            return (item, header.ItemId);
        }

        return CheckColumns(fields, ref values) ?? CheckProperties(fields);
    }

    (RowError, int)? CheckColumns(IReadOnlyList<string> fields, ref InteractionValues values)
    {
        var columns = header.Schema.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            var index = header.SchemaIndexes[i];
            var text = Field(fields, index).Trim();
            if (text.Length == 0)
            {
                if (columns[i].Required)
                {
                    return (RowErrors.MissingField(columns[i].Name), index);
                }

                continue;
            }

            if (columns[i].Rule.Apply(text, format, ref values) is { } error)
            {
                return (error, index);
            }
        }

        return null;
    }

    (RowError, int)? CheckProperties(IReadOnlyList<string> fields)
    {
        var properties = header.Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            if (_properties[i].Read(properties[i], Field(fields, properties[i].Index), format, _maxFieldLength) is { } error)
            {
                return (error, properties[i].Index);
            }
        }

        return null;
    }

    string? Properties()
    {
        if (header.Properties.Count == 0)
        {
            return null;
        }

        _json.ResetWrittenCount();
        var written = 0;
        using (var writer = new Utf8JsonWriter(_json))
        {
            writer.WriteStartObject();
            for (var i = 0; i < header.Properties.Count; i++)
            {
                if (_properties[i].WriteTo(writer, header.Properties[i]))
                {
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
