using Velora.Ingestion.Interactions;
using Velora.Ingestion.Interactions.Rules;

namespace Velora.Ingestion.Gateway.Interactions;

/// <summary>One interaction type as clients read it: enough to build a file, or a form, without reading the code.</summary>
public sealed record InteractionTypeDescription(
    string Name, string Description, IReadOnlyList<string> Identity, IReadOnlyList<ColumnDescription> Columns, IReadOnlyList<PropertyDescription> Properties)
{
    public static InteractionTypeDescription Of(InteractionSchema schema, IReadOnlyList<DeclaredProperty> declared) => new(
        schema.Name,
        schema.Description,
        schema.IdentityColumns,
        [
            Column("user_id", true, "id", IdRule.Description, "the customer"),
            Column("item_id", true, "id", IdRule.Description, "the product"),
            .. schema.Columns.Select(c => Column(c.Name, c.Required, c.Rule.Kind, c.Rule.Description, c.Description)),
        ],
        PropertyList.Of(declared).Properties!);

    static ColumnDescription Column(string name, bool required, string kind, string rule, string description) =>
        new(name, required, kind, rule, description, ColumnAliases.Of(name));
}

/// <summary>One column of a type: its name as a header, whether a file must have it, its kind, its rule in words and the other header names it is known by.</summary>
public sealed record ColumnDescription(string Name, bool Required, string Kind, string Rule, string Description, IReadOnlyList<string> Aliases);
