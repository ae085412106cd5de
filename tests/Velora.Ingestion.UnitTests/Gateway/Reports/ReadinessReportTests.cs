namespace Velora.Ingestion.Gateway.Reports;

public sealed class ReadinessReportTests
{
    [Fact]
    public void Warns_that_recommendations_rely_on_popularity_when_most_users_have_one_interaction() =>
        Assert.Contains(
            "92 % of users have one interaction: recommendations will rely on popularity.",
            ReadinessReport.WarningsFor(rows: 1_000, users: 100, items: 500, oneInteraction: 92, withoutTimestamp: 0, duplicates: 0, span: TimeSpan.FromDays(90)));

    [Fact]
    public void Gives_no_warning_for_a_file_a_recommender_learns_from() =>
        Assert.Empty(ReadinessReport.WarningsFor(rows: 1_000_000, users: 100_000, items: 50_000, oneInteraction: 10, withoutTimestamp: 0, duplicates: 100, span: TimeSpan.FromDays(365)));

    [Fact]
    public void Says_there_is_nothing_to_learn_from_a_file_without_valid_rows() =>
        Assert.Equal(["No valid rows: nothing to learn from."], ReadinessReport.WarningsFor(0, 0, 0, 0, 0, 0, null));
}
