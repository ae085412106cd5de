namespace Velora.Ingestion.Interactions;

public sealed class InteractionSchemasTests
{
    [Fact]
    public void Finds_every_type_in_list_order_with_purchase_first() =>
        Assert.Equal(["purchase", "view", "add_to_cart", "rating", "custom"], InteractionSchemas.All.Select(s => s.Name));

    [Fact]
    public void Names_every_supported_type_when_a_type_is_unknown() =>
        Assert.Equal(
            "Unsupported interaction type: 'click' (supported: purchase, view, add_to_cart, rating, custom)",
            InteractionSchemas.Unsupported("click"));

    [Theory]
    [InlineData("Purchase")]
    [InlineData("click")]
    [InlineData("")]
    public void Knows_types_by_their_exact_name_only(string name) =>
        Assert.False(InteractionSchemas.TryGet(name, out _));

    [Fact]
    public void Every_identity_column_is_a_column_of_its_type()
    {
        foreach (var schema in InteractionSchemas.All)
        {
            Assert.All(schema.IdentityColumns, c => Assert.True(c is "user_id" or "item_id" || schema.Column(c) is not null, $"{schema.Name}: {c}"));
        }
    }

    [Fact]
    public void Every_column_name_is_unique_within_its_type_and_none_is_an_id()
    {
        foreach (var schema in InteractionSchemas.All)
        {
            var names = schema.Columns.Select(c => c.Name).ToArray();
            Assert.Equal(names.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.DoesNotContain("user_id", names);
            Assert.DoesNotContain("item_id", names);
        }
    }
}
