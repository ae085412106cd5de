using Velora.Ingestion.Interactions;

namespace Velora.Ingestion.Parsing;

/// <summary>How a header's columns become a type's columns: mapping, then exact names, then aliases; the rest are properties.</summary>
public sealed class ColumnRulesTests
{
    static HeaderLayout Resolve(string header, ColumnMapping? mapping = null, InteractionSchema? schema = null, params DeclaredProperty[] declared) =>
        HeaderLayout.Resolve(schema ?? Purchase.Instance, header.Split(','), new HeaderRules(mapping ?? ColumnMapping.None, declared));

    static string FileError(string header, ColumnMapping? mapping = null, InteractionSchema? schema = null, params DeclaredProperty[] declared) =>
        Assert.Throws<ImportFileException>(() => Resolve(header, mapping, schema, declared)).Message;

    static ColumnMapping Map(params string[] pairs)
    {
        Assert.True(ColumnMapping.TryParse(null, pairs, out var mapping, out var error), error);
        return mapping;
    }

    [Fact]
    public void Common_export_names_are_aliases_whatever_their_case_and_punctuation()
    {
        var header = Resolve("CustomerID,Product ID,Date,qty,Amount,channel");

        Assert.Equal((0, 1, 2, 3, 4), (header.UserId, header.ItemId, header.IndexOf("timestamp"), header.IndexOf("quantity"), header.IndexOf("price")));
        Assert.Equal(["channel"], header.Properties.Select(p => p.Name));
    }

    [Fact]
    public void An_exact_name_wins_over_an_alias_which_stays_a_property()
    {
        var header = Resolve("customer_id,user_id,item_id");

        Assert.Equal(1, header.UserId);
        Assert.Equal(["customer_id"], header.Properties.Select(p => p.Name));
    }

    [Fact]
    public void Aliases_apply_only_to_the_columns_of_the_type()
    {
        Assert.Equal(["score"], Resolve("user_id,item_id,score").Properties.Select(p => p.Name));
        Assert.Equal(2, Resolve("user_id,item_id,score", schema: InteractionSchemas.Get("rating")).IndexOf("rating"));
    }

    [Fact]
    public void Two_aliases_of_one_column_fail_the_file_naming_both() =>
        Assert.Equal("Columns sku and product_id could each be item_id: name one with map=sku:item_id", FileError("user_id,sku,product_id"));

    [Fact]
    public void A_mapping_names_columns_that_no_alias_knows()
    {
        var header = Resolve("Kunde,Artikel,Zeitpunkt", Map("Kunde:user_id", "artikel:item_id", "Zeitpunkt:timestamp"));

        Assert.Equal((0, 1, 2), (header.UserId, header.ItemId, header.IndexOf("timestamp")));
        Assert.Empty(header.Properties);
    }

    [Fact]
    public void A_mapping_wins_over_an_exact_name_and_renames_or_leaves_out_properties()
    {
        var header = Resolve("user_id,CustNo,item_id,internal,Kanal", Map("user_id:legacy_user", "CustNo:user_id", "internal:", "Kanal:channel"));

        Assert.Equal(1, header.UserId);
        Assert.Equal(["legacy_user", "channel"], header.Properties.Select(p => p.Name));
    }

    [Fact]
    public void A_mapping_to_a_column_wins_over_the_column_of_that_name_which_stays_a_property()
    {
        var header = Resolve("user_id,CustNo,item_id", Map("CustNo:user_id"));

        Assert.Equal(1, header.UserId);
        Assert.Equal(["user_id"], header.Properties.Select(p => p.Name));
    }

    [Fact]
    public void Two_aliases_of_an_optional_column_stay_properties_instead_of_failing_the_file()
    {
        var header = Resolve("user_id,item_id,date,time");

        Assert.Equal(HeaderLayout.Absent, header.IndexOf("timestamp"));
        Assert.Equal(["date", "time"], header.Properties.Select(p => p.Name));
    }

    [Fact]
    public void An_alias_never_takes_a_column_the_store_declared_as_a_property()
    {
        var header = Resolve("user_id,item_id,amount", declared: new DeclaredProperty("amount", PropertyKind.Number, Required: true));

        Assert.Equal(HeaderLayout.Absent, header.IndexOf("price"));
        Assert.Equal(new PropertyColumn(2, "amount", PropertyKind.Number, true), Assert.Single(header.Properties));
    }

    [Fact]
    public void A_job_planned_before_there_were_aliases_is_read_without_them()
    {
        var rules = HeaderRules.OfPlanned(null, null);
        var header = HeaderLayout.Resolve(Purchase.Instance, ["user_id", "item_id", "qty"], rules);

        Assert.False(rules.Aliases);
        Assert.Equal(HeaderLayout.Absent, header.IndexOf("quantity"));
        Assert.True(HeaderRules.OfPlanned("{}", null).Aliases);
    }

    [Fact]
    public void An_uploads_mapping_to_a_column_replaces_the_saved_mapping_to_that_column()
    {
        var merged = Map("CustomerID:user_id").Overlaid(Map("Kunde:user_id"));
        var header = Resolve("CustomerID,Kunde,item_id", merged);

        Assert.Equal(1, header.UserId);
        Assert.Equal(["CustomerID"], header.Properties.Select(p => p.Name));
    }

    [Fact]
    public void A_saved_mapping_with_two_spellings_of_one_source_keeps_the_last_and_reads_null_as_leave_out()
    {
        Assert.True(ColumnMapping.TryCreate(new Dictionary<string, string> { ["CustomerID"] = "user_id", ["customerid"] = null! }, out var mapping, out _));

        Assert.Equal(string.Empty, Assert.Single(mapping.Targets).Value);
    }

    [Fact]
    public void A_missing_required_column_names_the_closest_header_columns_and_how_to_map_one() =>
        Assert.Equal(
            "Missing required column: item_id (closest in the header: itm, when, shop; name it with map=itm:item_id)",
            FileError("customer,itm,when,shop"));

    [Theory]
    [InlineData("""{"CustomerID":"user_id","ProductID":"item_id"}""", new string[0])]
    [InlineData(null, new[] { "CustomerID:user_id", "ProductID:item_id" })]
    [InlineData("""{"CustomerID":"user_id"}""", new[] { "ProductID:item_id" })]
    public void An_upload_gives_its_mapping_as_json_or_as_pairs_or_both(string? json, string[] pairs)
    {
        Assert.True(ColumnMapping.TryParse(json, pairs, out var mapping, out _));

        Assert.Equal(new Dictionary<string, string> { ["CustomerID"] = "user_id", ["ProductID"] = "item_id" }, mapping.Targets);
    }

    [Theory]
    [InlineData("[1,2]", new string[0], "mapping is not a JSON object")]
    [InlineData(null, new[] { "CustomerID" }, "map 'CustomerID' is not SOURCE:TARGET")]
    [InlineData(null, new[] { "a:user_id", "b:user_id" }, "the mapping names user_id as the target of a and b")]
    public void A_mapping_that_cannot_be_read_is_refused_saying_why(string? json, string[] pairs, string error)
    {
        Assert.False(ColumnMapping.TryParse(json, pairs, out _, out var message));
        Assert.StartsWith(error, message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_uploads_mapping_wins_over_the_saved_one_for_the_same_column()
    {
        var merged = Map("A:user_id", "B:item_id").Overlaid(Map("a:customer", "C:item_ref"));

        Assert.Equal(("customer", "item_id", "item_ref"), (merged.Targets["A"], merged.Targets["B"], merged.Targets["C"]));
        Assert.Equal(3, merged.Targets.Count);
    }

    [Fact]
    public void A_required_declared_property_missing_from_the_header_fails_the_file() =>
        Assert.Equal("Missing required column: store_id", FileError("user_id,item_id", declared: new DeclaredProperty("store_id", PropertyKind.Text, Required: true)));

    [Fact]
    public void A_declared_property_keeps_its_declared_name_and_kind()
    {
        var property = Assert.Single(Resolve("user_id,item_id,BASKET_SIZE", declared: new DeclaredProperty("basket_size", PropertyKind.Number, false)).Properties);

        Assert.Equal(new PropertyColumn(2, "basket_size", PropertyKind.Number, false), property);
    }

    [Theory]
    [InlineData("price", "'price' is a column of purchase already")]
    [InlineData("user_id", "'user_id' is a column of purchase already")]
    [InlineData("", "property name '' must be 1 to 64 characters")]
    public void A_property_cannot_be_declared_under_a_column_of_the_type_or_without_a_name(string name, string error) =>
        Assert.StartsWith(error, new DeclaredProperty(name, PropertyKind.Text, false).ProblemFor(Purchase.Instance), StringComparison.Ordinal);
}
