using System.Globalization;
using Velora.Ingestion.Validation;

namespace Velora.Ingestion.Interactions.Rules;

/// <summary>A whole number within a range, stored as <c>quantity</c>.</summary>
public sealed class WholeNumberRule(int min, int max, Func<string, RowError> error) : ColumnRule
{
    public int Min => min;

    public int Max => max;

    public override string Description => $"whole number, {min:N0} to {max:N0}";

    public override string Kind => "integer";

    public override string Example(int row) => Math.Clamp(row + 1, min, max).ToString(CultureInfo.InvariantCulture);

    public override RowError? Apply(string text, ValueFormat format, ref InteractionValues values)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            return error(text);
        }

        values.Quantity = value;
        return null;
    }
}
