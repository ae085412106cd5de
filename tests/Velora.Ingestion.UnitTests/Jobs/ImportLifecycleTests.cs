namespace Velora.Ingestion.Jobs;

/// <summary>Walks <see cref="ImportLifecycle"/>'s table: what it allows, what it refuses, and that the status predicates agree with it.</summary>
public sealed class ImportLifecycleTests
{
    public static TheoryData<string, string> EveryPair()
    {
        var pairs = new TheoryData<string, string>();
        foreach (var from in ImportLifecycle.Statuses)
        {
            foreach (var to in ImportLifecycle.Statuses)
            {
                pairs.Add(from, to);
            }
        }

        return pairs;
    }

    [Fact]
    public void The_table_holds_exactly_these_moves()
    {
        var moves = ImportLifecycle.Transitions.Select(t => $"{t.From}->{t.To}").Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "failed->reverting",
                "queued->failed", "queued->refused", "queued->running",
                "reverting->failed", "reverting->reverted", "reverting->succeeded",
                "running->failed", "running->succeeded", "running->validated",
                "succeeded->reverting",
            ],
            moves);
        Assert.All(ImportLifecycle.Transitions, t => Assert.False(string.IsNullOrWhiteSpace(t.When)));
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Allows_a_move_only_when_the_table_lists_it(string from, string to) =>
        Assert.Equal(ImportLifecycle.Transitions.Any(t => t.From == from && t.To == to), ImportLifecycle.Allows(from, to));

    [Fact]
    public void Every_status_is_reached_from_queued()
    {
        var reached = new HashSet<string> { ImportStatus.Queued };
        for (var added = true; added;)
        {
            added = false;
            foreach (var move in ImportLifecycle.Transitions.Where(t => reached.Contains(t.From)))
            {
                added |= reached.Add(move.To);
            }
        }

        Assert.Equal(ImportLifecycle.Statuses.Order(StringComparer.Ordinal), reached.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Refused_validated_and_reverted_are_final_and_nothing_returns_to_queued()
    {
        string[] final = [ImportStatus.Refused, ImportStatus.Validated, ImportStatus.Reverted];
        Assert.All(final, status => Assert.DoesNotContain(ImportLifecycle.Transitions, t => t.From == status));
        Assert.DoesNotContain(ImportLifecycle.Transitions, t => t.To == ImportStatus.Queued);
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Only_a_queued_or_running_import_moves_to_an_ended_state_other_than_by_a_revert(string from, string to)
    {
        if (ImportLifecycle.Allows(from, to) && ImportStatus.IsEnded(to) && from != ImportStatus.Reverting)
        {
            Assert.True(ImportStatus.IsActive(from), $"{from}->{to}");
        }
    }

    [Fact]
    public void A_revert_starts_from_and_withdraws_to_the_revertible_statuses_only()
    {
        Assert.Equal(
            ImportLifecycle.Revertible.Order(StringComparer.Ordinal),
            ImportLifecycle.Transitions.Where(t => t.To == ImportStatus.Reverting).Select(t => t.From).Order(StringComparer.Ordinal));
        Assert.All(ImportLifecycle.Revertible, status => Assert.Equal($"reverting->{status}", Move(ImportLifecycle.WithdrawRevert(status))));
        var refused = Assert.Throws<InvalidOperationException>(() => ImportLifecycle.WithdrawRevert(ImportStatus.Validated));
        Assert.Equal("An import cannot go from reverting to validated.", refused.Message);
    }

    [Fact]
    public void The_named_changes_are_the_moves_their_statements_make()
    {
        Assert.Equal("queued->running", Move(ImportLifecycle.Start));
        Assert.Equal("queued->refused", Move(ImportLifecycle.Refuse));
        Assert.Equal("queued,running->failed", Move(ImportLifecycle.Fail));
        Assert.Equal("running->succeeded", Move(ImportLifecycle.Finish(ImportModes.Import)));
        Assert.Equal("running->validated", Move(ImportLifecycle.Finish(ImportModes.Validate)));
        Assert.Equal("succeeded,failed->reverting", Move(ImportLifecycle.RequestRevert));
        Assert.Equal("reverting->reverted", Move(ImportLifecycle.FinishRevert));
    }

    static string Move(StatusChange change) => $"{string.Join(',', change.From)}->{change.To}";
}
