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

        return TryParseUtc(text, out value) || TryParseIso(text, out value);
    }

    /// <summary>The formats above, read by .NET: the reference the fast path must agree with.</summary>
    internal static bool TryParseIso(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <summary>
    /// The shape nearly every export has, <c>yyyy-MM-ddTHH:mm:ss[.fffffff][Z]</c> (or a space for the T), read by hand:
    /// .NET's exact parse was about two thirds of the worker's read in a sampled trace (bench/README.md). Only a valid
    /// UTC time is taken here; any other text, a wrong one included, goes to <see cref="TryParseIso"/>, which decides.
    /// </summary>
    internal static bool TryParseUtc(string text, out DateTimeOffset value)
    {
        value = default;
        var s = text.AsSpan();
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':'
            || !Digits(s[..4], out var year) || !Digits(s[5..7], out var month) || !Digits(s[8..10], out var day)
            || !Digits(s[11..13], out var hour) || !Digits(s[14..16], out var minute) || !Digits(s[17..19], out var second))
        {
            return false;
        }

        var rest = s[19..];
        if (rest.Length > 0 && rest[^1] == 'Z')
        {
            rest = rest[..^1];
        }

        long fraction = 0;
        if (rest.Length > 0)
        {
            // A '.' and 1 to 7 digits, as FFFFFFF reads them: ".25" is 2,500,000 ticks.
            if (rest[0] != '.' || rest.Length is < 2 or > 8 || !Digits(rest[1..], out var digits))
            {
                return false;
            }

            fraction = digits;
            for (var i = rest.Length - 1; i < 7; i++)
            {
                fraction *= 10;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fraction));
        return true;
    }

    static bool Digits(ReadOnlySpan<char> digits, out int number)
    {
        number = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            number = (number * 10) + (c - '0');
        }

        return true;
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
