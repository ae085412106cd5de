using Velora.Ingestion.Catalogue;
using Velora.Ingestion.Writing;

namespace Velora.Ingestion.Interactions;

public sealed class CustomEventTests
{
    static readonly InteractionSchema Schema = InteractionSchemas.Get("custom");

    static Task<FileOutcome> Events(string rows) => FileOutcome.OfAsync("user_id,item_id,event_type,event_value,timestamp\n" + rows, schema: Schema);

    [Fact]
    public async Task Stores_the_event_name_and_its_value()
    {
        var row = (await Events("u,i, wishlist ,-2.5,1700000000\n")).OnlyRow;

        Assert.Equal(("wishlist", -2.5m), (row.EventType, row.Value));
    }

    [Fact]
    public async Task Accepts_an_event_without_a_value() =>
        Assert.Null((await Events("u,i,share,,\n")).OnlyRow.Value);

    [Fact]
    public async Task Rejects_a_row_without_an_event_name() =>
        Assert.Equal("Missing required field: event_type", (await Events("u,i,,1,\n")).OnlyError);

    [Fact]
    public async Task Rejects_an_event_name_over_64_characters() =>
        Assert.Equal("Field too long: event_type (at most 64 characters)", (await Events($"u,i,{new string('e', 65)},,\n")).OnlyError);

    [Fact]
    public async Task Rejects_a_value_that_is_not_a_number() =>
        Assert.Equal("Invalid event_value: abc (a number)", (await Events("u,i,share,abc,\n")).OnlyError);

    [Fact]
    public async Task Fails_a_file_without_an_event_type_column() =>
        Assert.Equal("Missing required column: event_type", (await FileOutcome.OfAsync("user_id,item_id\nu,i\n", schema: Schema)).FileError);

    [Fact]
    public async Task Two_events_of_one_user_and_item_at_one_moment_are_two_interactions_unless_their_names_match()
    {
        var rows = (await Events("u,i,share,,1700000000\nu,i,wishlist,,1700000000\nu,i,share,,1700000000\n")).Stored;

        var keys = rows.Select(r => InteractionIdentity.Of(Schema.IdentityType(r), r.UserId, r.ItemId, r.OccurredAt)).ToArray();

        Assert.NotEqual(keys[0], keys[1]);
        Assert.Equal(keys[0], keys[2]);
    }
}
