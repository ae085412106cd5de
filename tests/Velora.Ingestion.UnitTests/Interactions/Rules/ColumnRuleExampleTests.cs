using Velora.Ingestion.Interactions;

namespace Velora.Ingestion.UnitTests.Interactions.Rules;

/// <summary>The sample files are built from the rules' examples, so every example must pass its own rule.</summary>
public sealed class ColumnRuleExampleTests
{
    static readonly ValueFormat Format = new(DecimalComma: false, LatestTimestamp: new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero));

    public static TheoryData<string, string> Columns()
    {
        var data = new TheoryData<string, string>();
        foreach (var schema in InteractionSchemas.All)
        {
            foreach (var column in schema.Columns)
            {
                data.Add(schema.Name, column.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public void Every_column_rule_accepts_its_own_examples(string type, string column)
    {
        Assert.True(InteractionSchemas.TryGet(type, out var schema));
        var rule = schema.Column(column)!.Rule;
        for (var row = 0; row < 3; row++)
        {
            var values = default(InteractionValues);
            var example = rule.Example(row);
            Assert.Null(rule.Apply(example, Format, ref values));
        }
    }

    [Fact]
    public void A_rating_example_stays_on_the_scale()
    {
        Assert.True(InteractionSchemas.TryGet("rating", out var rating));
        var examples = Enumerable.Range(0, 3).Select(rating.Column("rating")!.Rule.Example).ToArray();
        Assert.Equal(["5", "4.5", "4"], examples);
    }
}
