using System.Globalization;

namespace Velora.Ingestion.Jobs;

/// <summary>Formats the summary's rates: a percentage with two decimals and a '%' sign.</summary>
public static class ImportRates
{
    /// <summary>
    /// Rounds half away from zero, but never up to the ends: "100.00%" means every row and "0.00%" none, so a single
    /// failure among a million shows as "99.99%".
    /// </summary>
    public static string Format(long part, long whole)
    {
        if (whole <= 0)
        {
            return "0.00%";
        }

        var percent = Math.Round((decimal)part * 100m / whole, 2, MidpointRounding.AwayFromZero);
        if (part < whole)
        {
            percent = Math.Min(percent, 99.99m);
        }

        if (part > 0)
        {
            percent = Math.Max(percent, 0.01m);
        }

        return percent.ToString("0.00", CultureInfo.InvariantCulture) + "%";
    }
}
