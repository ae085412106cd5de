using System.Globalization;
using Velora.Ingestion.Validation;

namespace Velora.Ingestion.Interactions.Rules;

/// <summary>
/// A decimal number within a range and with at most <see cref="MaxDecimals"/> decimals, stored as <c>price</c> or
/// <c>value</c>. The separator is <c>.</c>; a comma is read as one too where the file's delimiter is not a comma
/// (<c>1,50</c> in a semicolon file). Thousands separators, exponents, signs other than a leading minus, NaN and
/// infinities are refused.
/// </summary>
public sealed class DecimalRule : ColumnRule
{
    /// <summary>numeric(19, 4) holds 15 integer digits.</summary>
    public const decimal StorableMax = 999_999_999_999_999.9999m;

    readonly StoredField _target;
    readonly Func<string, RowError> _error;

    public DecimalRule(StoredField target, decimal min, decimal max, int maxDecimals, Func<string, RowError> error)
    {
        if (target is not (StoredField.Price or StoredField.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "A decimal is stored as price or value.");
        }

        _target = target;
        _error = error;
        Min = min;
        Max = max;
        MaxDecimals = maxDecimals;
    }

    public decimal Min { get; }

    public decimal Max { get; }

    public int MaxDecimals { get; }

    public override string Description =>
        $"decimal ('.' separator, or ',' where the delimiter is not a comma), {Bound(Min)} to {Bound(Max)}, at most {MaxDecimals} decimals";

    public override string Kind => "decimal";

    // A small scale (a rating) counts down from its top in halves; an open one (a price) is a shop's price.
    public override string Example(int row) =>
        Math.Clamp(Max <= 100 ? Max - (row * 0.5m) : 19.99m + (row * 10), Min, Max).ToString("0.####", CultureInfo.InvariantCulture);

    public override RowError? Apply(string text, ValueFormat format, ref InteractionValues values)
    {
        if (!TryParse(text, format, out var value) || value < Min || value > Max || decimal.Round(value, MaxDecimals) != value)
        {
            return _error(text);
        }

        if (_target == StoredField.Price)
        {
            values.Price = value;
        }
        else
        {
            values.Value = value;
        }

        return null;
    }

    /// <summary>Reads a decimal as the file's format allows; shared with declared number properties.</summary>
    public static bool TryParse(string text, ValueFormat format, out decimal value)
    {
        var normalized = text;
        if (format.DecimalComma && text.Contains(',', StringComparison.Ordinal))
        {
            // "1.234,50" is ambiguous (thousands separators): only one kind of separator is read.
            if (text.Contains('.', StringComparison.Ordinal))
            {
                value = 0;
                return false;
            }

            normalized = text.Replace(',', '.');
        }

        return decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    static string Bound(decimal bound) =>
        Math.Abs(bound) >= StorableMax ? (bound < 0 ? "-10^15" : "10^15") : bound.ToString("0.####", CultureInfo.InvariantCulture);
}
