using System.Globalization;

namespace Velora.Ingestion.Validation;

/// <summary>
/// Reads purchase timestamps: ISO-8601 with <c>Z</c> or an offset (none means UTC), or Unix epoch seconds or milliseconds.
/// Deliberately strict: locale formats such as <c>01/02/2025</c> are ambiguous and rejected.
/// </summary>
public static class TimestampParser
{
    // Epoch values at or above this are milliseconds: 1e11 seconds would be the year 5138.
    const long MillisecondsThreshold = 100_000_000_000;

    static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd",
    ];

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        if (text.Length > 0 && text.Length <= 13 && text.All(char.IsAsciiDigit))
        {
            return TryParseEpoch(long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture), out value);
        }

        return DateTimeOffset.TryParseExact(
            text,
            IsoFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
    }

    static bool TryParseEpoch(long epoch, out DateTimeOffset value)
    {
        try
        {
            value = epoch >= MillisecondsThreshold
                ? DateTimeOffset.FromUnixTimeMilliseconds(epoch)
                : DateTimeOffset.FromUnixTimeSeconds(epoch);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            value = default;
            return false;
        }
    }
}
