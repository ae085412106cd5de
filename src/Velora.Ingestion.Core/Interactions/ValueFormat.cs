namespace Velora.Ingestion.Interactions;

/// <summary>
/// What the file's format changes in how values read: a comma is a decimal separator only where it cannot be the
/// delimiter. The clock bounds timestamps (at most 24 h ahead), read once per chunk.
/// </summary>
public sealed record ValueFormat(bool DecimalComma, DateTimeOffset LatestTimestamp)
{
    public static ValueFormat For(char delimiter, TimeProvider time) =>
        new(delimiter != ',', time.GetUtcNow().AddHours(24));
}
