using Velora.Ingestion.Validation;

namespace Velora.Ingestion.Interactions.Rules;

/// <summary>The rule of <c>user_id</c> and <c>item_id</c>, which every type has: checked before any other column.</summary>
public static class IdRule
{
    public const int MaxLength = 256;

    public const string Description = "non-empty after trimming, at most 256 characters, no control characters";

    /// <summary>Checks a raw value (trimmed here); null when it is a valid id.</summary>
    public static RowError? Check(string column, string raw, int maxLength = MaxLength)
    {
        var value = raw.AsSpan().Trim();
        if (value.IsEmpty)
        {
            return RowErrors.MissingField(column);
        }

        if (value.Length > maxLength)
        {
            return RowErrors.FieldTooLong(column, maxLength);
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return RowErrors.ControlCharacters(column);
            }
        }

        return null;
    }
}
