namespace Velora.Ingestion.Interactions;

/// <summary>
/// The other names stores' exports give Velora's columns, in one table. Header names are compared by their letters and
/// digits only, whatever their case (<see cref="Normalize"/>): <c>CustomerID</c>, <c>customer id</c> and
/// <c>customer_id</c> are one name. An exact column name always wins over an alias, and a mapping over both.
/// </summary>
public static class ColumnAliases
{
    static readonly Dictionary<string, string[]> Table = new(StringComparer.Ordinal)
    {
        ["user_id"] = ["customer_id", "customer", "user", "client_id", "visitor_id", "member_id", "shopper_id", "buyer_id", "account_id", "cust_id"],
        ["item_id"] = ["product_id", "product", "item", "sku", "article_id", "article", "variant_id", "offer_id", "prod_id"],
        ["timestamp"] = ["event_time", "event_timestamp", "time", "datetime", "date", "created_at", "occurred_at", "order_date", "purchase_date", "ts"],
        ["quantity"] = ["qty", "units", "quantity_ordered"],
        ["price"] = ["amount", "unit_price", "item_price", "price_paid", "revenue"],
        ["rating"] = ["score", "stars", "rating_value", "review_score"],
        ["event_type"] = ["event", "event_name", "action", "activity"],
        ["event_value"] = ["value", "event_amount"],
    };

    /// <summary>Every canonical column with its aliases, for <c>GET /v1/interaction-types</c> and the README.</summary>
    public static IReadOnlyList<string> Of(string column) => Table.TryGetValue(column, out var aliases) ? aliases : [];

    /// <summary>A header name as it is compared with aliases: its ASCII letters and digits, lower case.</summary>
    public static string Normalize(string name) =>
        string.Concat(name.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant));

    /// <summary>Whether <paramref name="header"/> names <paramref name="column"/> by the column's own name or one of its aliases.</summary>
    public static bool Matches(string column, string header)
    {
        var normalized = Normalize(header);
        return normalized.Length > 0 && (Normalize(column) == normalized || Of(column).Any(a => Normalize(a) == normalized));
    }
}
