namespace Velora.Ingestion.Interactions;

/// <summary>
/// A property a store declared for one interaction type (<c>PUT /v1/interaction-types/{type}/properties</c>): its column
/// name, its kind and whether every file and row must have it.
/// </summary>
public sealed record DeclaredProperty(string Name, PropertyKind Kind, bool Required)
{
    public const int MaxNameLength = 64;

    /// <summary>Why a store cannot declare this property for <paramref name="schema"/>; null when it can.</summary>
    public string? ProblemFor(InteractionSchema schema)
    {
        var name = Name.Trim();
        if (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            return $"property name '{Name}' must be 1 to {MaxNameLength} characters without control characters";
        }

        return name is "user_id" or "item_id" || schema.Column(name) is not null
            ? $"'{name}' is a column of {schema.Name} already; declare only the extra columns"
            : null;
    }
}
