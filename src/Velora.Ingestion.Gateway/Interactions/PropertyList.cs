using Velora.Ingestion.Interactions;

namespace Velora.Ingestion.Gateway.Interactions;

/// <summary>The body of the properties endpoints: the properties a store declared for one type.</summary>
public sealed record PropertyList(IReadOnlyList<PropertyDescription>? Properties)
{
    public static PropertyList Of(IReadOnlyList<DeclaredProperty> properties) =>
        new([.. properties.Select(p => new PropertyDescription(p.Name, p.Kind.ToString().ToLowerInvariant(), p.Required))]);

    /// <summary>The declared properties, checked: known kinds, usable and distinct names.</summary>
    public bool TryRead(InteractionSchema schema, out IReadOnlyList<DeclaredProperty> properties, out string? error)
    {
        properties = [];
        error = null;
        var read = new List<DeclaredProperty>();
        foreach (var p in Properties ?? [])
        {
            if (!Enum.TryParse<PropertyKind>(p.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(p.Kind, out _))
            {
                error = $"property {p.Name}: kind '{p.Kind}' is not one of text, number, boolean, timestamp";
                return false;
            }

            var property = new DeclaredProperty((p.Name ?? string.Empty).Trim(), kind, p.Required);
            error = property.ProblemFor(schema);
            if (error is null && read.Any(r => string.Equals(r.Name, property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                error = $"property {property.Name} is declared twice";
            }

            if (error is not null)
            {
                return false;
            }

            read.Add(property);
        }

        properties = read;
        return true;
    }
}

/// <summary>One declared property: its column name, its kind (text, number, boolean, timestamp) and whether it is required.</summary>
public sealed record PropertyDescription(string? Name, string? Kind, bool Required);
