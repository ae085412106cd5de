using System.Globalization;
using System.Text;

namespace Velora.Ingestion.Bench;

/// <summary>
/// Deterministic purchase files: about 100k users, 50k items, timestamps over one year in the order a store's
/// export has them (ascending) unless shuffled, quantity 1–5, price with 2 decimals.
/// The bad variant has 1 % bad rows spread evenly: negative price, missing item_id, malformed timestamp in turn.
/// </summary>
internal static class BenchFiles
{
    const string Header = "user_id,item_id,timestamp,quantity,price\n";
    static readonly DateTime YearStart = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static void Write(string path, int rows, bool bad, bool shuffled, int seed = 20251124)
    {
        var random = new Random(seed);
        var seconds = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            seconds[i] = random.NextInt64(365L * 24 * 3600);
        }

        if (!shuffled)
        {
            Array.Sort(seconds);
        }

        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
        writer.Write(Header);
        var line = new StringBuilder(96);
        for (var i = 0; i < rows; i++)
        {
            line.Clear();
            var user = random.Next(100_000);
            var item = random.Next(50_000);
            var quantity = random.Next(1, 6);
            var cents = random.Next(100, 100_000);
            var at = YearStart.AddSeconds(seconds[i]);
            var badKind = bad && i % 100 == 50 ? i / 100 % 3 : -1;
            line.Append(CultureInfo.InvariantCulture, $"user-{user},");
            line.Append(badKind == 1 ? string.Empty : $"item-{item}").Append(',');
            line.Append(badKind == 2 ? "31/12/2025 25:00" : at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(',');
            line.Append(quantity).Append(',');
            line.Append(badKind == 0 ? "-5.00" : (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture));
            writer.Write(line.Append('\n'));
        }
    }
}
