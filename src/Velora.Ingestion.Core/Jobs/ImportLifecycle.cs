namespace Velora.Ingestion.Jobs;

/// <summary>
/// The one owner of how an import's status may change. Every statement that sets <c>import_jobs.status</c> takes its
/// <see cref="StatusChange"/> from here, so no code path can make a move the table does not list. PostgreSQL enforces the
/// same table (migration 0019: a CHECK on the value, and a trigger that refuses any other change with SQLSTATE 23514), and
/// a test compares the two, so the database guards against a statement written without this type.
/// </summary>
public static class ImportLifecycle
{
    /// <summary>Every status an import can have. A new import is <see cref="ImportStatus.Queued"/>.</summary>
    public static IReadOnlyList<string> Statuses { get; } = [ImportStatus.Queued, ImportStatus.Running, ImportStatus.Succeeded, ImportStatus.Failed, ImportStatus.Validated, ImportStatus.Refused, ImportStatus.Reverting, ImportStatus.Reverted];

    /// <summary>What a revert may start from, and so what a withdrawn revert goes back to (<c>status_before_revert</c>).</summary>
    public static IReadOnlyList<string> Revertible { get; } = [ImportStatus.Succeeded, ImportStatus.Failed];

    /// <summary>Every allowed move. Refused, validated and reverted are final: nothing leaves them.</summary>
    public static IReadOnlyList<StatusTransition> Transitions { get; } =
    [
        new(ImportStatus.Queued, ImportStatus.Running, "a worker begins to plan it"),
        new(ImportStatus.Queued, ImportStatus.Refused, "the gateway could not hand its request to the broker, or its upload never completed"),
        new(ImportStatus.Queued, ImportStatus.Failed, "its request could not be planned"),
        new(ImportStatus.Running, ImportStatus.Succeeded, "its last chunk was counted, or its file has no row"),
        new(ImportStatus.Running, ImportStatus.Validated, "a dry run's last chunk was counted, or its file has no row"),
        new(ImportStatus.Running, ImportStatus.Failed, "its file cannot be imported, its chunk requests could not be sent, or a chunk failed for a reason retries do not cure"),
        new(ImportStatus.Succeeded, ImportStatus.Reverting, "a revert was requested"),
        new(ImportStatus.Failed, ImportStatus.Reverting, "a revert was requested (a failed import may have stored rows)"),
        new(ImportStatus.Reverting, ImportStatus.Succeeded, "the revert request could not be published and no chunk was reverted: withdrawn"),
        new(ImportStatus.Reverting, ImportStatus.Failed, "the revert request could not be published and no chunk was reverted: withdrawn"),
        new(ImportStatus.Reverting, ImportStatus.Reverted, "every row it stored was removed"),
    ];

    public static StatusChange Start { get; } = Change(ImportStatus.Running, ImportStatus.Queued);

    public static StatusChange Refuse { get; } = Change(ImportStatus.Refused, ImportStatus.Queued);

    public static StatusChange Fail { get; } = Change(ImportStatus.Failed, ImportStatus.Queued, ImportStatus.Running);

    public static StatusChange RequestRevert { get; } = Change(ImportStatus.Reverting, [.. Revertible]);

    public static StatusChange FinishRevert { get; } = Change(ImportStatus.Reverted, ImportStatus.Reverting);

    static StatusChange FinishImport { get; } = Change(ImportStatus.Succeeded, ImportStatus.Running);

    static StatusChange FinishDryRun { get; } = Change(ImportStatus.Validated, ImportStatus.Running);

    /// <summary>How a running import ends once every row was gone through: validated for a dry run, else succeeded.</summary>
    public static StatusChange Finish(string mode) => mode == ImportModes.Validate ? FinishDryRun : FinishImport;

    /// <summary>A revert taken back goes back to what the import was before it (<c>status_before_revert</c>).</summary>
    public static StatusChange WithdrawRevert(string before) => Change(before, ImportStatus.Reverting);

    public static bool Allows(string from, string to) => Transitions.Any(t => t.From == from && t.To == to);

    /// <summary>A change to <paramref name="to"/> from any of <paramref name="from"/>; each move must be in the table.</summary>
    static StatusChange Change(string to, params string[] from)
    {
        foreach (var status in from)
        {
            if (!Allows(status, to))
            {
                throw new InvalidOperationException($"An import cannot go from {status} to {to}.");
            }
        }

        return new StatusChange(from, to);
    }
}
