namespace Velora.Ingestion.Interactions;

/// <summary>A customer looked at an item's page: a weak signal, but the most plentiful one.</summary>
public sealed class View : InteractionSchema
{
    public override string Name => "view";

    public override string Description => "A customer viewed an item.";

    public override int Order => 10;

    public override IReadOnlyList<SchemaColumn> Columns { get; } = [SchemaColumn.Timestamp];
}
