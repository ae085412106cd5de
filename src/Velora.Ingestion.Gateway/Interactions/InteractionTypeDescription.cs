using Velora.Ingestion.Interactions;
using Velora.Ingestion.Interactions.Rules;

namespace Velora.Ingestion.Gateway.Interactions;

/// <summary>One interaction type as clients read it: enough to build a file, or a form, without reading the code.</summary>
public sealed record InteractionTypeDescription(string Name, string Description, IReadOnlyList<string> Identity, IReadOnlyList<ColumnDescription> Columns)
{
    public static InteractionTypeDescription Of(InteractionSchema schema) => new(
        schema.Name,
        schema.Description,
        schema.IdentityColumns,
        [
            new ColumnDescription("user_id", true, "id", IdRule.Description, "the customer"),
            new ColumnDescription("item_id", true, "id", IdRule.Description, "the product"),
            .. schema.Columns.Select(c => new ColumnDescription(c.Name, c.Required, c.Rule.Kind, c.Rule.Description, c.Description)),
        ]);
}

/// <summary>One column of a type: its name as a header, whether a file must have it, its kind and its rule in words.</summary>
public sealed record ColumnDescription(string Name, bool Required, string Kind, string Rule, string Description);
