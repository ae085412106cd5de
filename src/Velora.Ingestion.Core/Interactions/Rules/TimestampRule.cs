using System.Globalization;
using Velora.Ingestion.Validation;

namespace Velora.Ingestion.Interactions.Rules;

/// <summary>When the interaction happened: ISO-8601 or Unix epoch (<see cref="TimestampParser"/>), at most 24 h ahead.</summary>
public sealed class TimestampRule : ColumnRule
{
    public static readonly TimestampRule Instance = new();

    public override string Description =>
        "ISO-8601 with Z or an offset (none means UTC), or Unix epoch seconds or milliseconds; at most 24 h in the future";

    public override string Kind => "timestamp";

    public override string Example(int row) =>
        string.Create(CultureInfo.InvariantCulture, $"2025-11-{(row % 28) + 1:00}T10:{row % 60:00}:00Z");

    public override RowError? Apply(string text, ValueFormat format, ref InteractionValues values)
    {
        if (!TimestampParser.TryParse(text, out var parsed))
        {
            return RowErrors.TimestampFormatInvalid;
        }

        if (parsed > format.LatestTimestamp)
        {
            return RowErrors.TimestampInFuture(text);
        }

        values.OccurredAt = parsed;
        return null;
    }
}
